import { noGrad } from "../tensor/autograd.js";
import { crossEntropy } from "../tensor/ops/nn.js";
import { Generator } from "../random/generator.js";
import { randperm } from "../tensor/random-ops.js";
import type { CharDataset } from "../data/dataset.js";
import type { LanguageModel } from "../models/config.js";
import { drawLoaderSeed } from "./batches.js";
import { scratch } from "../backend/scratch.js";

/** Runs fn in eval mode (BatchNorm uses running stats) without autograd, restoring the mode after. */
function inEval<T>(model: LanguageModel, fn: () => T): T {
  const was = model.training;
  model.eval();
  try {
    return noGrad(fn);
  } finally {
    model.train(was);
  }
}

/** Token-weighted mean NLL (nats per token, end token included) over every word of a split. */
export function fullLoss(model: LanguageModel, data: CharDataset, batchSize = 1000): number {
  return inEval(model, () => {
    let total = 0;
    let count = 0;
    for (let s = 0; s < data.length; s += batchSize) {
      const { x, y } = data.range(s, Math.min(s + batchSize, data.length));
      total += scratch(() => {
        const { logits } = model.forward(x);
        const V = logits.shape[2];
        return crossEntropy(logits.view([-1, V]), y.reshape([-1]), { ignoreIndex: -1, reduction: "sum" }).item();
      });
      const ys = y.storage;
      for (let i = 0; i < ys.length; i++) if (ys[i] !== -1) count++;
    }
    return total / count;
  });
}

/**
 * makemore's evaluate(): the mean of per-batch mean losses over shuffled batches of 100, stopping
 * after max_batches + 1 batches (its break test runs after the batch). The shuffle is seeded like
 * torch's DataLoader, by two draws from `generator` (makemore: the global one; the training
 * session gives each evaluation its own, so evaluating never moves training's random streams).
 */
export function estimateLoss(model: LanguageModel, data: CharDataset, opts: { batchSize?: number; maxBatches?: number; generator?: Generator } = {}): number {
  const batchSize = opts.batchSize ?? 100;
  const maxBatches = opts.maxBatches ?? 10;
  return inEval(model, () => {
    drawLoaderSeed(opts.generator); // the DataLoader iterator's base seed
    const g = new Generator().manualSeed(drawLoaderSeed(opts.generator));
    const perm = randperm(data.length, { generator: g }).i32();
    const losses: number[] = [];
    for (let i = 0, s = 0; s < data.length; i++, s += batchSize) {
      const { x, y } = data.batch(perm.subarray(s, Math.min(s + batchSize, data.length)));
      losses.push(scratch(() => model.forward(x, y).loss!.item()));
      if (i >= maxBatches) break;
    }
    return Math.fround(losses.reduce((a, b) => a + b, 0) / losses.length);
  });
}

/**
 * A stream of its own for each evaluation and each set of samples, keyed by the run's seed and
 * the step: evaluating or sampling never moves a stream training draws from, and the numbers at
 * a step are the same however often the run was stopped and resumed before it.
 */
export function streamAt(seed: number, step: number, purpose: 1 | 2): Generator {
  return new Generator().manualSeed((BigInt(seed) * 0x9e3779b97f4a7c15n + BigInt(step) * 4n + BigInt(purpose)) & ((1n << 64n) - 1n));
}
