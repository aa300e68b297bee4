import type { Tensor } from "../tensor/tensor.js";
import { kernels } from "../backend/index.js";

export interface AdamWOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
}

/**
 * torch.optim.AdamW with its defaults (lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 0.01).
 * Moments are created lazily per parameter, as torch does; parameters without a grad are skipped.
 */
export class AdamW {
  readonly params: Tensor[];
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** Per-parameter state, in params order: step count and the two moment buffers. */
  state: { step: number; expAvg: Float32Array; expAvgSq: Float32Array }[] = [];

  constructor(params: Tensor[], opts: AdamWOptions = {}) {
    this.params = params;
    this.lr = opts.lr ?? 1e-3;
    [this.beta1, this.beta2] = opts.betas ?? [0.9, 0.999];
    this.eps = opts.eps ?? 1e-8;
    this.weightDecay = opts.weightDecay ?? 1e-2;
    for (const p of params) {
      if (p.dtype !== "float32" || !p.isContiguous())
        throw new Error("AdamW: parameters must be contiguous float32 tensors");
    }
  }

  step(): void {
    this.params.forEach((p, i) => {
      if (!p.grad) return;
      const n = p.numel();
      const st = (this.state[i] ??= { step: 0, expAvg: new Float32Array(n), expAvgSq: new Float32Array(n) });
      st.step++;
      kernels.adamw(p.f32(), p.grad.f32(), st.expAvg, st.expAvgSq, n,
        this.lr, this.beta1, this.beta2, this.eps, this.weightDecay, st.step);
    });
  }

  zeroGrad(opts: { setToNone?: boolean } = {}): void {
    for (const p of this.params) {
      if (opts.setToNone === false) p.grad?.zero_();
      else p.grad = null;
    }
  }
}
