/**
 * An exponential moving average of a model's weights, for evaluation and sampling. Semantics:
 * `torch.optim.swa_utils.AveragedModel(model, avg_fn=ema, use_buffers=True)` with
 * `ema(avg, p, n) = decay * avg + (1 - decay) * p` (what torch 2.x's `get_ema_avg_fn(decay)`
 * returns), in float32 exactly as torch evaluates it: avg ← f32(f32(avg·f32(decay)) +
 * f32(p·f32(1 - decay))). Like AveragedModel, the average starts as a copy of the model, the
 * first `update()` copies the current weights, and later updates blend; buffers (BatchNorm's
 * running statistics) are averaged too, so the averaged model evaluates consistently.
 */
import type { Tensor } from "../tensor/tensor.js";
import type { Module } from "../nn/module.js";
import { noGrad } from "../tensor/autograd.js";
import { formatShape, shapesEqual } from "../tensor/shape.js";

const f32 = Math.fround;

export interface EMAOptions {
  /** weight of the old average at each update, in [0, 1) (e.g. 0.999) */
  decay: number;
}

/** Everything needed to resume an average exactly. */
export interface EMAState {
  decay: number;
  numUpdates: number;
  /** the averaged values by state-dict key */
  tensors: Map<string, Float32Array>;
}

export class EMA {
  readonly decay: number;
  /** AveragedModel's n_averaged: how many updates have been folded in */
  numUpdates = 0;
  private readonly tracked: [string, Tensor][];
  private readonly average: Float32Array[];

  constructor(model: Module, opts: EMAOptions) {
    const d = opts?.decay;
    if (typeof d !== "number" || !(d >= 0 && d < 1)) throw new RangeError(`ema decay must be in [0, 1), got ${d}`);
    this.decay = d;
    this.tracked = model.stateTensors().map(([name, t]) => {
      if (t.dtype !== "float32" || !t.isContiguous()) throw new Error(`EMA: ${name} is not a contiguous float32 tensor`);
      return [name, t];
    });
    this.average = this.tracked.map(([, t]) => t.f32().slice());
  }

  /** Folds the model's current weights into the average (call after each optimizer step). */
  update(): void {
    const first = this.numUpdates === 0;
    const keep = f32(this.decay);
    const take = f32(1 - this.decay);
    this.tracked.forEach(([, t], i) => {
      const a = this.average[i];
      const p = t.f32(); // read each time: data-parallel training rebinds parameter storage
      if (first) a.set(p);
      else for (let j = 0; j < a.length; j++) a[j] = f32(a[j] * keep) + f32(p[j] * take); // the store rounds the sum
    });
    this.numUpdates++;
  }

  /** Exchanges the model's weights with the average: call once to evaluate or sample, again to resume training. */
  swap(): void {
    this.tracked.forEach(([, t], i) => {
      const p = t.f32();
      const a = this.average[i];
      for (let j = 0; j < a.length; j++) {
        const v = p[j];
        p[j] = a[j];
        a[j] = v;
      }
    });
  }

  /** Loads the averaged weights into `target`, a model of the same architecture (another instance). */
  copyTo(target: Module): void {
    const own = new Map(target.stateTensors().map(([name, t]) => [name, t]));
    noGrad(() => {
      this.tracked.forEach(([name, t], i) => {
        const dst = own.get(name);
        if (!dst || !shapesEqual(dst.shape, t.shape))
          throw new Error(`EMA.copyTo: the target has ${dst ? `shape ${formatShape(dst.shape)}` : "no tensor"} for ${name} (${formatShape(t.shape)} here)`);
        dst.f32().set(this.average[i]);
      });
    });
  }

  getState(): EMAState {
    return { decay: this.decay, numUpdates: this.numUpdates, tensors: new Map(this.tracked.map(([name], i) => [name, this.average[i].slice()])) };
  }

  setState(state: EMAState): void {
    if (!Number.isInteger(state.numUpdates) || state.numUpdates < 0)
      throw new Error(`EMA state: numUpdates must be a non-negative integer, got ${state.numUpdates}`);
    this.tracked.forEach(([name], i) => {
      const v = state.tensors.get(name);
      if (!v || v.length !== this.average[i].length) throw new Error(`EMA state does not match the model at ${name}`);
    });
    this.tracked.forEach(([name], i) => this.average[i].set(state.tensors.get(name)!));
    this.numUpdates = state.numUpdates;
  }
}
