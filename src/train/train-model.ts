import { manualSeed } from "../random/generator.js";
import { createDatasets } from "../data/split.js";
import { createModel, MODEL_TYPES, isModelType, type ModelType } from "../models/index.js";
import { configFileOf, type LoadedModel } from "../models/checkpoint.js";
import { AdamW } from "../optim/adamw.js";
import { zeros } from "../tensor/creation.js";
import { scratch } from "../backend/scratch.js";
import { BatchStream } from "./batches.js";
import { fullLoss } from "./evaluate.js";

export interface TrainModelOptions {
  /** default "transformer" */
  type?: ModelType;
  /** makemore's model sizes: 4, 4, 64, 64 */
  nLayer?: number;
  nHead?: number;
  nEmbd?: number;
  nEmbd2?: number;
  /** default 32 */
  batchSize?: number;
  /** default 5e-4 */
  learningRate?: number;
  /** default 0.01 */
  weightDecay?: number;
  /** seeds the split, the initial weights and the batches, as makemore does (default 3407) */
  seed?: number;
  /** optimisation steps (default 1000) */
  maxSteps?: number;
  /** stop earlier after this many seconds (default: no limit) */
  maxTime?: number;
  /** called after every step; returning false stops training */
  onStep?: (info: { step: number; loss: number }) => boolean | void;
}

export interface TrainedModel extends LoadedModel {
  /** steps taken */
  steps: number;
  /** full test loss after training (nats per character, end token included) */
  testLoss: number;
}

/** Yield to the event loop this often, so a page training a model stays responsive. */
const YIELD_EVERY_MS = 50;

const positiveInt = (name: string, v: number | undefined, dflt: number): number => {
  const x = v ?? dflt;
  if (!Number.isInteger(x) || x < 1) throw new Error(`trainModel: ${name} must be a positive integer, got ${v}`);
  return x;
};
const nonNegative = (name: string, v: number | undefined, dflt: number): number => {
  const x = v ?? dflt;
  if (!Number.isFinite(x) || x < 0) throw new Error(`trainModel: ${name} must be a finite number ≥ 0, got ${v}`);
  return x;
};

/**
 * Trains a model on words in memory, in this thread, with makemore's data pipeline, model and
 * AdamW settings: the same seed and settings give the weights PyTorch's makemore reaches after
 * the same number of steps. For files, checkpoints and worker threads, use the CLI.
 * Runs in Node and in browsers; the result works with sample(), score() and encodeModel().
 */
export async function trainModel(words: readonly string[], o: TrainModelOptions = {}): Promise<TrainedModel> {
  const type = o.type ?? "transformer";
  if (!isModelType(type)) throw new Error(`trainModel: type must be one of ${MODEL_TYPES.join(", ")}, got ${JSON.stringify(type)}`);
  const dims = {
    nLayer: positiveInt("nLayer", o.nLayer, 4), nHead: positiveInt("nHead", o.nHead, 4),
    nEmbd: positiveInt("nEmbd", o.nEmbd, 64), nEmbd2: positiveInt("nEmbd2", o.nEmbd2, 64),
  };
  if (type === "transformer" && dims.nEmbd % dims.nHead !== 0) throw new Error(`trainModel: nEmbd (${dims.nEmbd}) must be divisible by nHead (${dims.nHead})`);
  const batchSize = positiveInt("batchSize", o.batchSize, 32);
  const maxSteps = positiveInt("maxSteps", o.maxSteps, 1000);
  const lr = nonNegative("learningRate", o.learningRate, 5e-4);
  const weightDecay = nonNegative("weightDecay", o.weightDecay, 0.01);
  const maxTime = nonNegative("maxTime", o.maxTime, 0);
  const seed = o.seed ?? 3407;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`trainModel: seed must be a non-negative integer, got ${o.seed}`);

  // makemore's order of draws: split, initial weights, then the loader's seeds
  manualSeed(seed);
  const data = createDatasets(words);
  const model = createModel(type, { vocabSize: data.vocab.size, blockSize: data.blockSize, ...dims });
  const opt = new AdamW(model.parameters(), { lr, weightDecay, betas: [0.9, 0.99], eps: 1e-8 });
  const stream = new BatchStream(data.train, batchSize);
  // gradients live outside the per-step scratch arena, zeroed in place each step
  for (const p of model.parameters()) p.grad = zeros(p.shape);

  const start = performance.now();
  let lastYield = start;
  const batch = stream.buffers();
  let step = 0;
  model.train();
  while (step < maxSteps) {
    stream.nextInto(batch);
    opt.zeroGrad({ setToNone: false });
    const loss = scratch(() => {
      const l = model.forward(batch.x, batch.y).loss!;
      l.backward();
      return l.item();
    });
    opt.step();
    step++;
    if (!Number.isFinite(loss)) throw new Error(`trainModel: training diverged at step ${step - 1} (loss ${loss}); try a lower learningRate`);
    if (o.onStep?.({ step: step - 1, loss }) === false) break;
    const now = performance.now();
    if (maxTime > 0 && (now - start) / 1000 >= maxTime) break;
    if (now - lastYield >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = performance.now();
    }
  }
  model.eval();
  return { model, vocab: data.vocab, config: configFileOf(model, data.vocab), steps: step, testLoss: fullLoss(model, data.test) };
}
