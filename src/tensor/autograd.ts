import type { Tensor } from "./tensor.js";

/** Given d(loss)/d(output), returns d(loss)/d(input) for each input (null where not needed). */
export type BackwardFn = (gradOutput: Tensor) => (Tensor | null)[];

export interface GradFn {
  readonly name: string;
  readonly inputs: readonly Tensor[];
  readonly backward: BackwardFn;
}

let gradEnabled = true;

export const isGradEnabled = (): boolean => gradEnabled;

/** Runs fn without recording operations for autograd (torch.no_grad). */
export function noGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

/** Runs fn with recording on, even inside noGrad (torch.enable_grad). */
export function enableGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = true;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

export function setGradEnabled(on: boolean): void {
  gradEnabled = on;
}

/**
 * Attaches an op's backward to its output when any input needs a gradient. Ops call this
 * right after computing their forward, so forward and backward sit side by side.
 */
export function record(out: Tensor, name: string, inputs: readonly Tensor[], backward: BackwardFn): Tensor {
  if (!gradEnabled) return out;
  for (let i = 0; i < inputs.length; i++) {
    if (inputs[i].requiresGrad) {
      out.requiresGrad = true;
      out.gradFn = { name, inputs, backward };
      return out;
    }
  }
  return out;
}
