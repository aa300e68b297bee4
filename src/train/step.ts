import type { Tensor } from "../tensor/tensor.js";
import type { LanguageModel } from "../models/config.js";
import type { AdamW } from "../optim/adamw.js";
import { availableParallelism } from "node:os";
import { DataParallel } from "./parallel/data-parallel.js";

/** Runs training steps: in this thread, or data-parallel across worker threads. */
export interface StepRunner {
  readonly workers: number;
  /** forward, zero grad, backward, optimizer step on one batch; returns the loss */
  step(x: Tensor, y: Tensor): number;
  close(): Promise<void>;
}

/** One worker per core the process may use. */
export const defaultWorkers = (): number => Math.max(1, Math.min(availableParallelism(), 64));

/** makemore's step in this thread. */
function singleThread(model: LanguageModel, opt: AdamW): StepRunner {
  return {
    workers: 1,
    step(x, y) {
      const { loss } = model.forward(x, y);
      opt.zeroGrad();
      loss!.backward();
      opt.step();
      return loss!.item();
    },
    close: async () => {},
  };
}

export function createStepRunner(model: LanguageModel, opt: AdamW, workers: number, batchSize: number, blockSize: number): StepRunner {
  if (workers <= 1 || batchSize < 2) return singleThread(model, opt);
  const dp = new DataParallel(model, opt, Math.min(workers, batchSize), batchSize, blockSize);
  return {
    workers: dp.workers,
    step: (x, y) => dp.step(x.storage as Int32Array, y.storage as Int32Array),
    close: () => dp.close(),
  };
}
