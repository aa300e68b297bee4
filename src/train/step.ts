import { availableParallelism } from "node:os";
import type { Tensor } from "../tensor/tensor.js";
import type { LanguageModel } from "../models/config.js";
import type { AdamW } from "../optim/adamw.js";
import { DataParallel } from "./parallel/data-parallel.js";
import { Linear } from "../nn/layers.js";

/** Runs training steps: in this thread, or data-parallel across worker threads. */
export interface StepRunner {
  readonly workers: number;
  /** forward, zero grad, backward, optimizer step on one batch; returns the loss */
  step(x: Tensor, y: Tensor): number;
  close(): Promise<void>;
}

/** One worker per core the process may use. */
export const defaultWorkers = (): number => Math.max(1, Math.min(availableParallelism(), 64));

/**
 * Workers worth using for this model: data-parallel threads pay a fixed cost per step (wake-ups,
 * barriers, the gradient reduction), so a model whose step is a few dense FLOPs trains faster in
 * one thread. The estimate counts the multiply-adds of every Linear over every token, forward and
 * backward; it depends only on the model, so a resumed run picks the same count.
 */
export function usefulWorkers(model: LanguageModel, requested: number, batchSize: number, blockSize: number): number {
  let macsPerToken = 0;
  for (const m of model.modules()) if (m instanceof Linear) macsPerToken += m.inFeatures * m.outFeatures;
  const flops = 6 * macsPerToken * batchSize * blockSize;
  return flops < MIN_PARALLEL_FLOPS ? 1 : Math.max(1, Math.min(requested, batchSize));
}

/** Below ~50 MFLOP a step (makemore's rnn and bow at their defaults) one thread is faster here. */
const MIN_PARALLEL_FLOPS = 50e6;

/**
 * The model's weights, gradients and AdamW moments move into one flat region (wasm memory
 * under the wasm kernels) and stay there; the optimizer's state is adopted, so checkpoints see
 * it as usual. workers > 1 adds data-parallel worker threads over the same region.
 */
export function createStepRunner(model: LanguageModel, opt: AdamW, workers: number, batchSize: number, blockSize: number): StepRunner {
  const dp = new DataParallel(model, opt, Math.max(1, Math.min(workers, batchSize)), batchSize, blockSize);
  return {
    workers: dp.workers,
    step: (x, y) => dp.step(x.storage as Int32Array, y.storage as Int32Array),
    close: () => dp.close(),
  };
}
