import type { Tensor } from "../tensor/tensor.js";

/**
 * torch.cuda.amp.GradScaler: dynamic loss scaling for float16 training. The loss is multiplied
 * by the scale before backward, so gradients too small for float16 (below 2⁻²⁴) stay
 * representable; `unscale_` divides them back in float32 and notes any inf or NaN; `step` skips
 * the optimizer's step when it saw one; `update` halves the scale after such a step and doubles
 * it after `growthInterval` clean steps in a row. Defaults, state and rounding are torch's
 * (float32 scale, the factors applied in double, no growth to inf; test/fixtures/grad-scaler).
 */
export interface GradScalerOptions {
  /** 2¹⁶ */
  initScale?: number;
  /** 2 */
  growthFactor?: number;
  /** 0.5 */
  backoffFactor?: number;
  /** 2000 */
  growthInterval?: number;
  /** false: every call passes straight through (scale(loss) is loss, step is optimizer.step()) */
  enabled?: boolean;
}

/** What the scaler needs of an optimizer: its parameters (their .grad) and a step. */
export interface ScalableOptimizer {
  readonly params: readonly Tensor[];
  step(): void;
}

/** torch's state_dict() keys, plus how many steps were skipped so far (a log line, kept across --resume). */
export interface GradScalerState {
  scale: number;
  growth_factor: number;
  backoff_factor: number;
  growth_interval: number;
  _growth_tracker: number;
  skipped_steps: number;
}

type Stage = "ready" | "unscaled" | "stepped";

export class GradScaler {
  readonly enabled: boolean;
  growthFactor: number;
  backoffFactor: number;
  growthInterval: number;
  /** Optimizer steps skipped for an inf or NaN gradient since the scaler was made. */
  skippedSteps = 0;
  private scaleValue: number;
  private growthTracker = 0;
  private readonly perOptimizer = new Map<ScalableOptimizer, { stage: Stage; foundInf: boolean }>();

  constructor(opts: GradScalerOptions = {}) {
    this.enabled = opts.enabled ?? true;
    this.scaleValue = Math.fround(opts.initScale ?? 2 ** 16);
    this.growthFactor = opts.growthFactor ?? 2;
    this.backoffFactor = opts.backoffFactor ?? 0.5;
    this.growthInterval = opts.growthInterval ?? 2000;
    if (!(this.scaleValue > 0) || !Number.isFinite(this.scaleValue))
      throw new Error(`GradScaler: initScale must be a positive finite float32, got ${opts.initScale}`);
    if (!(this.growthFactor > 1)) throw new Error(`GradScaler: growthFactor must be > 1, got ${this.growthFactor}`);
    if (!(this.backoffFactor > 0 && this.backoffFactor < 1)) throw new Error(`GradScaler: backoffFactor must be in (0, 1), got ${this.backoffFactor}`);
    if (!Number.isInteger(this.growthInterval) || this.growthInterval < 1)
      throw new Error(`GradScaler: growthInterval must be a positive integer, got ${this.growthInterval}`);
  }

  /** The current scale (torch's get_scale(); 1 when disabled). */
  getScale(): number {
    return this.enabled ? this.scaleValue : 1;
  }

  getGrowthTracker(): number {
    return this.growthTracker;
  }

  /** loss · scale, in float32: backward from it gives scaled gradients. */
  scale(loss: Tensor): Tensor {
    return this.enabled ? loss.mul(this.scaleValue) : loss;
  }

  /** 1/scale as torch computes it: the reciprocal in double, stored as float32. */
  inverseScale(): number {
    return Math.fround(1 / this.scaleValue);
  }

  /** Divides the optimizer's gradients by the scale, in place, and notes whether any was inf or NaN. */
  unscale_(optimizer: ScalableOptimizer): void {
    if (!this.enabled) return;
    const st = this.stateOf(optimizer);
    if (st.stage === "unscaled") throw new Error("unscale_() has already been called on this optimizer since the last update().");
    if (st.stage === "stepped") throw new Error("unscale_() is being called after step().");
    const inv = this.inverseScale();
    for (const p of optimizer.params) if (p.grad && unscaleFlat_(p.grad.f32(), inv)) st.foundInf = true;
    st.stage = "unscaled";
  }

  /** optimizer.step() unless an unscaled gradient was inf or NaN; says whether it stepped. */
  step(optimizer: ScalableOptimizer): boolean {
    if (!this.enabled) {
      optimizer.step();
      return true;
    }
    const st = this.stateOf(optimizer);
    if (st.stage === "stepped") throw new Error("step() has already been called since the last update().");
    if (st.stage === "ready") this.unscale_(optimizer);
    st.stage = "stepped";
    if (st.foundInf) return false;
    optimizer.step();
    return true;
  }

  /** The next scale from this iteration's inf checks (every optimizer stepped since the last update), or `newScale` as given. */
  update(newScale?: number): void {
    if (!this.enabled) return;
    if (newScale !== undefined) {
      this.scaleValue = Math.fround(newScale);
    } else {
      if (this.perOptimizer.size === 0) throw new Error("No inf checks were recorded prior to update.");
      this.updateScale([...this.perOptimizer.values()].some((s) => s.foundInf));
    }
    this.perOptimizer.clear();
  }

  /**
   * torch._amp_update_scale_ for a step whose inf check ran elsewhere (the data-parallel step
   * checks the flat gradients itself): back off after an inf/NaN, grow after growthInterval clean steps.
   */
  updateScale(foundInf: boolean): void {
    if (foundInf) {
      this.skippedSteps++;
      this.scaleValue = Math.fround(this.scaleValue * this.backoffFactor);
      this.growthTracker = 0;
      return;
    }
    const successful = this.growthTracker + 1;
    if (successful === this.growthInterval) {
      const grown = Math.fround(this.scaleValue * this.growthFactor);
      if (Number.isFinite(grown)) this.scaleValue = grown;
      this.growthTracker = 0;
    } else {
      this.growthTracker = successful;
    }
  }

  stateDict(): GradScalerState {
    return {
      scale: this.scaleValue,
      growth_factor: this.growthFactor,
      backoff_factor: this.backoffFactor,
      growth_interval: this.growthInterval,
      _growth_tracker: this.growthTracker,
      skipped_steps: this.skippedSteps,
    };
  }

  loadStateDict(s: GradScalerState): void {
    this.scaleValue = Math.fround(s.scale);
    this.growthFactor = s.growth_factor;
    this.backoffFactor = s.backoff_factor;
    this.growthInterval = s.growth_interval;
    this.growthTracker = s._growth_tracker;
    this.skippedSteps = s.skipped_steps ?? 0;
  }

  private stateOf(optimizer: ScalableOptimizer) {
    let st = this.perOptimizer.get(optimizer);
    if (!st) this.perOptimizer.set(optimizer, (st = { stage: "ready", foundInf: false }));
    return st;
  }
}

/**
 * torch._amp_foreach_non_finite_check_and_unscale_ on one flat float32 array: g ← g · inv
 * (skipped when inv is 1, as torch does), returning whether any value was inf or NaN.
 */
export function unscaleFlat_(g: Float32Array, inv: number): boolean {
  let bad = false;
  for (let i = 0; i < g.length; i++) {
    const v = g[i];
    if (v - v !== 0) bad = true; // inf - inf and NaN - NaN are NaN
    if (inv !== 1) g[i] = v * inv;
  }
  return bad;
}

/** Whether any value is inf or NaN (the check alone, for gradients that are unscaled later). */
export function hasNonFinite(g: Float32Array): boolean {
  for (let i = 0; i < g.length; i++) {
    const v = g[i];
    if (v - v !== 0) return true;
  }
  return false;
}
