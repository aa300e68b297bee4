import type { Tensor } from "./tensor.js";

/**
 * A hook on the outputs of the nonlinearities (tanh, gelu) for diagnostics: null, and so one
 * comparison per op, except while src/inspect captures a model's activations.
 */
export let activationTap: ((kind: "tanh" | "gelu", out: Tensor) => void) | null = null;

export function setActivationTap(tap: typeof activationTap): void {
  activationTap = tap;
}
