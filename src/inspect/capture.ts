import type { Tensor } from "../tensor/tensor.js";
import { Module } from "../nn/module.js";
import { setActivationTap } from "../tensor/activation-tap.js";
import { setAttentionTap } from "../tensor/ops/fused/attention.js";

export interface CapturedActivation {
  /** where it was computed: the module path (`net.3`, `transformer.h.0.mlp`) and the nonlinearity */
  name: string;
  /** tanh and gelu outputs, or a recurrent cell's hidden states (tanh-bounded: RNN, GRU, LSTM) */
  kind: "tanh" | "gelu" | "hidden";
  /** the output itself, with retainGrad() on, so its .grad is there after backward */
  tensor: Tensor;
}

export interface Captured<T> {
  result: T;
  activations: CapturedActivation[];
  /** [layer][head][query][key] of batch row 0, for every attention call (transformer) */
  attention: number[][][][];
}

type Forward = (...args: unknown[]) => unknown;

/**
 * Runs `run` (a forward pass, and usually backward) recording every nonlinearity's output by
 * the module it ran in: forward hooks set on the model's module instances for the duration,
 * and the tanh/gelu and attention taps. Fused recurrent cells compute their tanh inside one
 * kernel, so for them the cell's hidden states are recorded instead.
 */
export function captureActivations<T>(model: Module, run: () => T): Captured<T> {
  const activations: CapturedActivation[] = [];
  const attention: number[][][][] = [];
  const stack: string[] = [];
  const restore: (() => void)[] = [];
  const hook = (m: Module, name: string, method: "forward" | "sequence") => {
    const own = m as unknown as Record<string, Forward>;
    const original = own[method];
    if (typeof original !== "function") return;
    own[method] = (...args: unknown[]) => {
      stack.push(name);
      try {
        const out = original.apply(m, args);
        if (method === "sequence") {
          const hs = (out as { hs: Tensor }).hs; // (T, B, n_embd2): every h_t of the fused sequence node
          activations.push({ name: `${name} (hidden state h)`, kind: "hidden", tensor: hs.retainGrad() });
        }
        return out;
      } finally {
        stack.pop();
      }
    };
    restore.push(() => delete own[method]);
  };
  const walk = (m: Module, name: string) => {
    hook(m, name || "model", "forward");
    if (name.endsWith("cell")) hook(m, name, "sequence");
    for (const [child, sub] of m.namedChildren()) walk(sub, name ? `${name}.${child}` : child);
  };
  walk(model, "");
  setActivationTap((kind, out) => activations.push({ name: `${stack[stack.length - 1] ?? "model"} (${kind})`, kind, tensor: out.retainGrad() }));
  setAttentionTap((att, _B, nHead, T) => {
    const heads: number[][][] = [];
    for (let h = 0; h < nHead; h++)
      heads.push(Array.from({ length: T }, (_, q) => Array.from({ length: T }, (_, k) => (k <= q ? att[(h * T + q) * T + k] : 0))));
    attention.push(heads);
  });
  try {
    return { result: run(), activations, attention };
  } finally {
    setActivationTap(null);
    setAttentionTap(null);
    for (const undo of restore) undo();
  }
}
