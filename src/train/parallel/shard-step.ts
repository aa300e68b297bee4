import { Tensor } from "../../tensor/tensor.js";
import { kernels } from "../../backend/index.js";
import { scratch } from "../../backend/scratch.js";
import type { LanguageModel } from "../../models/config.js";
import { CTRL, SETTING_LOSS_SCALE, type SharedViews } from "./shared.js";
import type { AdamW } from "../../optim/adamw.js";
import { hasNonFinite, unscaleFlat_ } from "../../optim/grad-scaler.js";
import { DEFAULT_MEMORY_POLICY, type MemoryPolicy, withMemoryPolicy } from "../../tensor/memory-policy.js";
import type { Collective } from "../../nn/collective.js";
import { withDropoutShard } from "../../nn/dropout-shard.js";
import { clipGradNormSharded_ } from "../../optim/clip-grad.js";

/** Rows [start, end) of a batch of B rows that worker `rank` of `workers` takes. */
export function shardRows(B: number, workers: number, rank: number): [number, number] {
  const per = Math.ceil(B / workers);
  return [Math.min(B, rank * per), Math.min(B, (rank + 1) * per)];
}

/**
 * One worker's share of a step: forward and backward on its rows, activations in the scratch
 * arena. Alone, it is makemore's mean loss; with peers, the token-loss sum is scaled by the
 * whole batch's token count so that the workers' gradients sum to the full batch's gradient.
 * Returns this worker's part of the batch's mean loss.
 */
export function shardForwardBackward(
  model: LanguageModel,
  v: SharedViews,
  rank: number,
  B: number,
  T: number,
  globalCount: number,
  policy: MemoryPolicy = DEFAULT_MEMORY_POLICY,
): number {
  const [r0, r1] = shardRows(B, v.workers, rank);
  v.gradsOf(rank).fill(0);
  if (r1 <= r0) return 0;
  // with peers, dropout draws this worker's rows of the whole batch's masks (dropout-shard.ts)
  const shard = v.workers === 1 ? null : { start: r0, end: r1, total: B };
  const lossScale = v.stepSettings[SETTING_LOSS_SCALE];
  const loss = scratch(() =>
    withDropoutShard(shard, () =>
      withMemoryPolicy(policy, () => {
        const x = new Tensor(v.batch.subarray(r0 * T, r1 * T), [r1 - r0, T]);
        const y = new Tensor(v.batch.subarray((B + r0) * T, (B + r1) * T), [r1 - r0, T]);
        const loss = model.forward(x, y, v.workers === 1 ? {} : { normalizer: globalCount }).loss!;
        // GradScaler.scale(loss): backward from loss · scale (1 without loss scaling: the loss as is)
        (lossScale === 1 ? loss : loss.mul(lossScale)).backward();
        return loss.item();
      }),
    ),
  );
  // the inf/NaN check of unscale_, on this worker's part of the gradient: an inf or NaN in any
  // part is one in the sum, and float32 sums of gradients that fit fp16 do not overflow
  if (lossScale !== 1 && hasNonFinite(v.gradsOf(rank))) Atomics.or(v.control, CTRL.foundInf, 1);
  return loss;
}

/** Whether some worker found an inf or NaN gradient this step (read after the backward barrier). */
export const foundInfThisStep = (v: SharedViews): boolean => Atomics.load(v.control, CTRL.foundInf) !== 0;

/**
 * The optimizer's share of a step, in torch's order: reduce this worker's spans, unscale them
 * (GradScaler.unscale_), clip (clip_grad_norm_), update (AdamW); nothing when a gradient was inf
 * or NaN (GradScaler.step skips the step, in every worker alike).
 */
export function shardUpdate(
  v: SharedViews,
  opt: AdamW,
  spans: readonly (readonly [number, number])[],
  step: number,
  gradClip: number | null,
  collective: Collective | null,
): void {
  if (foundInfThisStep(v)) return;
  reduceGradients(v, spans);
  const lossScale = v.stepSettings[SETTING_LOSS_SCALE];
  if (lossScale !== 1) {
    const inv = Math.fround(1 / lossScale); // GradScaler's inverse scale: the reciprocal in double, stored as float32
    const g0 = v.gradsOf(0);
    for (const [a, b] of spans) unscaleFlat_(g0.subarray(a, b), inv);
  }
  if (gradClip !== null) clipReducedGradients(v, spans, gradClip, collective);
  opt.stepSpans(adamwRegion(v), spans, step);
}

/** ZeRO-1's reduce-scatter: sum every worker's gradient over this worker's spans, into worker 0's buffer. */
export function reduceGradients(v: SharedViews, spans: readonly (readonly [number, number])[]): void {
  const g0 = v.gradsOf(0);
  for (const [a, b] of spans) {
    const acc = g0.subarray(a, b);
    for (let w = 1; w < v.workers; w++) kernels.add(acc, acc, v.gradsOf(w).subarray(a, b), b - a);
  }
}

/**
 * clip_grad_norm_ across workers, after the reduce: each worker sums the squares of its spans of
 * the summed gradient, the sums are all-reduced, and every worker scales its spans by the same
 * coefficient (optim/clip-grad.ts's split form).
 */
export function clipReducedGradients(v: SharedViews, spans: readonly (readonly [number, number])[], maxNorm: number, collective: Collective | null): void {
  const g0 = v.gradsOf(0);
  clipGradNormSharded_(
    spans.map(([a, b]) => g0.subarray(a, b)),
    maxNorm,
    collective ? (x) => collective.allReduceSum(x) : undefined,
  );
}

/** The flat regions AdamW updates in place: the shared weights, the summed gradient, the moments. */
export const adamwRegion = (v: SharedViews) => ({ params: v.model, grads: v.gradsOf(0), expAvg: v.expAvg, expAvgSq: v.expAvgSq });
