import type { Tensor } from "../tensor/tensor.js";
import { noGrad } from "../tensor/autograd.js";

export interface UpdateRatioSeries {
  name: string;
  shape: number[];
  /** log10(std(lr·grad) / std(p)), one per recorded step (NaN where p had no gradient) */
  values: number[];
}

/**
 * The lecture's update-to-data ratio, `log10(std(lr·grad) / std(p))` per parameter per step:
 * how large each step's change is against the values it changes (~-3 is healthy). A training
 * loop turns it on by calling record(params, lr) after backward, before or after the update
 * (the lecture records after; the ratio moves by far less than its own noise in one step).
 */
export class UpdateRatioTracker {
  private readonly series = new Map<string, UpdateRatioSeries>();
  private steps = 0;

  /** params as [name, tensor] pairs (a module's namedParameters()) or tensors, named by index */
  record(params: readonly (readonly [string, Tensor])[] | readonly Tensor[], lr: number): void {
    const named = params.map((p, i) => (Array.isArray(p) ? (p as readonly [string, Tensor]) : ([String(i), p as Tensor] as const)));
    noGrad(() => {
      for (const [name, p] of named) {
        let s = this.series.get(name);
        if (!s) {
          s = { name, shape: [...p.shape], values: new Array<number>(this.steps).fill(NaN) };
          this.series.set(name, s);
        }
        s.values.push(p.grad ? Math.log10(p.grad.mul(lr).std().item() / p.detach().std().item()) : NaN);
      }
    });
    this.steps++;
    for (const s of this.series.values()) while (s.values.length < this.steps) s.values.push(NaN);
  }

  /** Every parameter's series, in first-recorded order; `only2d` keeps the weight matrices, as the lecture plots them. */
  result(opts: { only2d?: boolean } = {}): UpdateRatioSeries[] {
    const all = [...this.series.values()];
    return opts.only2d ? all.filter((s) => s.shape.length === 2) : all;
  }

  get recordedSteps(): number {
    return this.steps;
  }
}

/** A training run's ratios between evaluations: each step's as it is recorded, and their means when an evaluation drains them. */
export class UpdateRatioWindow {
  private tracker = new UpdateRatioTracker();

  /** Records a step; returns each parameter's ratio for it. */
  record(params: readonly (readonly [string, Tensor])[], lr: number): Record<string, number> {
    this.tracker.record(params, lr);
    return Object.fromEntries(this.tracker.result().map((r) => [r.name, r.values[r.values.length - 1]]));
  }

  /** Each parameter's mean ratio since the last drain, then an empty window. */
  drain(): Record<string, number> {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const out = Object.fromEntries(this.tracker.result().map((r) => [r.name, mean(r.values)]));
    this.tracker = new UpdateRatioTracker();
    return out;
  }
}
