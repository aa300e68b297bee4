import type { Tensor } from "../tensor/tensor.js";
import type { LanguageModel } from "../models/config.js";
import type { AdamW } from "../optim/adamw.js";
import { DataParallel, type StepPrecision } from "./parallel/data-parallel.js";
import { Linear } from "../nn/layers.js";
import { threadPlatform } from "./parallel/threads.js";

/** Runs training steps: in this thread, or data-parallel across worker threads. */
export interface StepRunner {
  readonly workers: number;
  /** forward, zero grad, backward, optimizer step on one batch; returns the loss */
  step(x: Tensor, y: Tensor): number;
  close(): Promise<void>;
}

export interface StepOptions {
  /** clip the gradient's total 2-norm to this before the update (null: no clipping) */
  gradClip?: number | null;
  /** activation checkpointing / 16-bit storage, and fp16's GradScaler */
  precision?: StepPrecision;
}

/** One worker per core the process may use (one where this platform has no worker threads). */
export const defaultWorkers = (): number => threadPlatform()?.cores() ?? 1;

/**
 * The default for a model: one worker per core, except for a model without a single Linear
 * (the bigram: a table lookup and a loss by counting), whose step is cheaper than waking a thread.
 */
export const defaultWorkersFor = (model: LanguageModel): number => (model.modules().some((m) => m instanceof Linear) ? defaultWorkers() : 1);

/**
 * The model's weights, gradients and AdamW moments move into one flat region (wasm memory
 * under the wasm kernels) and stay there; the optimizer's state is adopted, so checkpoints see
 * it as usual. workers > 1 adds data-parallel worker threads over the same region.
 */
export function createStepRunner(
  model: LanguageModel,
  opt: AdamW,
  workers: number,
  batchSize: number,
  blockSize: number,
  options: StepOptions = {},
): StepRunner {
  let threads = threadPlatform() ? Math.max(1, Math.min(workers, batchSize)) : 1;
  // every thread gets rows (5 rows in 4 threads would leave one without): an idle thread would skip its dropout draws
  threads = Math.ceil(batchSize / Math.ceil(batchSize / threads));
  const dp = new DataParallel(model, opt, threads, batchSize, blockSize, options.gradClip ?? null, options.precision);
  return {
    workers: dp.workers,
    step: (x, y) => dp.step(x.i32(), y.i32()),
    close: () => dp.close(),
  };
}
