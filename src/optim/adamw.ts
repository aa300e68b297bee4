import type { Tensor } from "../tensor/tensor.js";
import { kernels } from "../backend/index.js";

export interface AdamWOptions {
  lr?: number;
  betas?: readonly [number, number];
  eps?: number;
  weightDecay?: number;
}

/** Flat float32 regions holding every parameter, its gradient and both moments at the same offsets. */
export interface FlatAdamWRegion {
  params: Float32Array;
  grads: Float32Array;
  expAvg: Float32Array;
  expAvgSq: Float32Array;
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
      if (p.dtype !== "float32" || !p.isContiguous()) throw new Error("AdamW: parameters must be contiguous float32 tensors");
    }
  }

  step(): void {
    this.params.forEach((p, i) => {
      if (!p.grad) return;
      const n = p.numel();
      const st = (this.state[i] ??= { step: 0, expAvg: new Float32Array(n), expAvgSq: new Float32Array(n) });
      st.step++;
      kernels.adamw(p.f32(), p.grad.f32(), st.expAvg, st.expAvgSq, n, this.lr, this.beta1, this.beta2, this.eps, this.weightDecay, st.step);
    });
  }

  /**
   * ZeRO-1's share of a data-parallel step: the same update as step(), on the elements [a, b) of
   * each span of flat regions, at the step count (1-based, after incrementing) all workers share.
   */
  stepSpans(region: FlatAdamWRegion, spans: readonly (readonly [number, number])[], step: number): void {
    for (const [a, b] of spans)
      kernels.adamw(
        region.params.subarray(a, b),
        region.grads.subarray(a, b),
        region.expAvg.subarray(a, b),
        region.expAvgSq.subarray(a, b),
        b - a,
        this.lr,
        this.beta1,
        this.beta2,
        this.eps,
        this.weightDecay,
        step,
      );
  }

  /** The settings, to build the same optimizer in another thread. */
  options(): Required<AdamWOptions> {
    return { lr: this.lr, betas: [this.beta1, this.beta2], eps: this.eps, weightDecay: this.weightDecay };
  }

  zeroGrad(opts: { setToNone?: boolean } = {}): void {
    for (const p of this.params) {
      if (opts.setToNone === false) p.grad?.zero_();
      else p.grad = null;
    }
  }
}
