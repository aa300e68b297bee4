/**
 * Learning-rate schedules: functions from the step (0-based: the step about to be taken) to the
 * lr, applied as `opt.lr = schedule(step)` before each `opt.step()` (AdamW and SGD read `lr` at
 * every step).
 *
 * The curve is nanoGPT's `get_lr` (linear warmup to baseLr, then a half cosine down to minLr),
 * which on steps 0…totalSteps is PyTorch's
 *
 *     SequentialLR(opt, [LinearLR(opt, start_factor=1/(warmup+1), total_iters=warmup),
 *                        CosineAnnealingLR(opt, T_max=total-warmup, eta_min=min_lr)],
 *                  milestones=[warmup])
 *
 * stepped once per optimizer step, reading `param_groups[0]['lr']` before each step (the golden
 * checks both to ~1e-15). Warmup gives step s < warmup the lr baseLr·(s+1)/(warmup+1), so the
 * first step already learns and step `warmup` is the first at baseLr. Past totalSteps the lr
 * stays at minLr (nanoGPT; PyTorch's cosine, periodic, would climb back).
 */

export type LRSchedule = (step: number) => number;
/** For a time budget: the lr from the step and the seconds elapsed since training began. */
export type TimedLRSchedule = (step: number, elapsedSeconds: number) => number;

export interface WarmupOptions {
  baseLr: number;
  /** steps of linear warmup before the schedule proper (default 0) */
  warmupSteps?: number;
}

export interface CosineLROptions extends WarmupOptions {
  /** the floor the cosine decays to (default 0) */
  minLr?: number;
  /** the step at which the cosine reaches minLr (makemore's --max-steps) */
  totalSteps: number;
}

export interface TimedCosineLROptions extends WarmupOptions {
  minLr?: number;
  /** the seconds at which the cosine reaches minLr (makemore's --max-time) */
  maxTime: number;
}

function positive(name: string, v: unknown): number {
  if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a positive number, got ${v}`);
  return v;
}

function warmupStepsOf(v: unknown): number {
  const w = v ?? 0;
  if (typeof w !== "number" || !Number.isInteger(w) || w < 0) throw new RangeError(`warmup-steps must be a non-negative integer, got ${w}`);
  return w;
}

function minLrOf(v: unknown, baseLr: number): number {
  const m = v ?? 0;
  if (typeof m !== "number" || !(m >= 0) || m > baseLr) throw new RangeError(`min-lr must be in [0, lr] (lr = ${baseLr}), got ${m}`);
  return m;
}

function checkStep(step: number): void {
  if (!Number.isInteger(step) || step < 0) throw new RangeError(`the schedule's step must be a non-negative integer, got ${step}`);
}

/** LinearLR(start_factor = 1/(w+1), total_iters = w) before step w; null from step w on. */
const warmupLr = (baseLr: number, w: number, step: number): number | null => (step < w ? (baseLr * (step + 1)) / (w + 1) : null);

/** CosineAnnealingLR's closed form at progress t ∈ [0, 1] of its period's first half. */
export const cosineCurve = (baseLr: number, minLr: number, t: number): number =>
  minLr + 0.5 * (1 + Math.cos(Math.PI * Math.min(1, Math.max(0, t)))) * (baseLr - minLr);

/** baseLr throughout, after the optional warmup (LinearLR alone). */
export function constantLR(opts: WarmupOptions): LRSchedule {
  const baseLr = positive("lr", opts.baseLr);
  const w = warmupStepsOf(opts.warmupSteps);
  return (step) => {
    checkStep(step);
    return warmupLr(baseLr, w, step) ?? baseLr;
  };
}

/** Warmup, then cosine decay from baseLr at step warmupSteps to minLr at step totalSteps. */
export function cosineLR(opts: CosineLROptions): LRSchedule {
  const baseLr = positive("lr", opts.baseLr);
  const w = warmupStepsOf(opts.warmupSteps);
  const minLr = minLrOf(opts.minLr, baseLr);
  const total = opts.totalSteps;
  if (!Number.isInteger(total) || total <= w)
    throw new RangeError(`max-steps must be an integer above warmup-steps (${w}) for the cosine schedule, got ${total}`);
  return (step) => {
    checkStep(step);
    return warmupLr(baseLr, w, step) ?? cosineCurve(baseLr, minLr, (step - w) / (total - w));
  };
}

/**
 * The same curve against a time budget: warmup by steps as above, then the cosine at progress
 * elapsed / maxTime. The clock counts from the start of training, warmup included (so the
 * schedule is a pure function of (step, elapsed), which resumes exactly when elapsed is saved);
 * the cosine therefore starts at progress warmupTime / maxTime, a little below baseLr.
 */
export function cosineLRByTime(opts: TimedCosineLROptions): TimedLRSchedule {
  const baseLr = positive("lr", opts.baseLr);
  const w = warmupStepsOf(opts.warmupSteps);
  const minLr = minLrOf(opts.minLr, baseLr);
  const maxTime = positive("max-time", opts.maxTime);
  return (step, elapsed) => {
    checkStep(step);
    if (!(elapsed >= 0)) throw new RangeError(`elapsed seconds must be non-negative, got ${elapsed}`);
    return warmupLr(baseLr, w, step) ?? cosineCurve(baseLr, minLr, elapsed / maxTime);
  };
}
