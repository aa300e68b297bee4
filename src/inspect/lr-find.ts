import type { LanguageModel } from "../models/config.js";
import { buildModel, configFileOf } from "../models/checkpoint.js";
import type { Vocab } from "../data/vocab.js";
import type { CharDataset } from "../data/dataset.js";
import { linspace } from "../tensor/creation.js";
import { randint } from "../tensor/random-ops.js";
import { Generator, manualSeed } from "../random/generator.js";
import type { ModelType } from "../models/config.js";
import { createModel } from "../models/index.js";
import { createDatasets } from "../data/split.js";
import { SGD } from "../optim/sgd.js";
import { AdamW } from "../optim/adamw.js";
import { MAKEMORE_BETAS, MAKEMORE_DEFAULTS, MAKEMORE_EPS } from "../train/defaults.js";

export interface LrFindOptions {
  /** log10 of the first and last learning rates (the lecture: -3 and 0) */
  lo?: number;
  hi?: number;
  /** steps, one learning rate each (the lecture: 1000) */
  steps?: number;
  batchSize?: number;
  /** "sgd" as the lecture (default), or "adamw" as makemore trains */
  optimizer?: "sgd" | "adamw";
  /** draws the minibatches (default: seeded 2147483647) */
  generator?: Generator;
  /** called after each step with its point (a page shows the curve growing) */
  onPoint?: (i: number, point: LrFindResult["points"][number]) => void;
}

export interface LrFindResult {
  points: { lre: number; lr: number; loss: number }[];
  /** the rate at the lowest loss after smoothing over a tenth of the run (the lecture's reading of the curve) */
  suggested: { lr: number; loss: number };
}

/**
 * The lecture's learning-rate finder: step i trains at lr = 10^linspace(lo, hi, steps)[i] and
 * records the minibatch loss. It trains a fresh copy of the model (the given one is untouched),
 * so a curve can be drawn from an untrained model or from any checkpoint.
 */
export function lrFind(model: LanguageModel, vocab: Vocab, data: CharDataset, opts: LrFindOptions = {}): LrFindResult {
  const steps = opts.steps ?? 1000;
  if (!Number.isInteger(steps) || steps < 2) throw new Error(`lrFind: steps must be an integer ≥ 2, got ${opts.steps}`);
  const lre = linspace(opts.lo ?? -3, opts.hi ?? 0, steps).flat();
  const copy = buildModel(configFileOf(model, vocab), model.stateDict()).model;
  copy.train();
  const params = copy.parameters();
  const opt =
    opts.optimizer === "adamw"
      ? new AdamW(params, { lr: 0, betas: MAKEMORE_BETAS, eps: MAKEMORE_EPS, weightDecay: MAKEMORE_DEFAULTS.weightDecay })
      : new SGD(params, 0);
  const g = opts.generator ?? new Generator().manualSeed(2147483647);
  const points: LrFindResult["points"] = [];
  for (let i = 0; i < steps; i++) {
    const lr = 10 ** lre[i];
    const ix = randint(0, data.length, [opts.batchSize ?? 32], { generator: g });
    const { x, y } = data.batch(ix.i32());
    const loss = copy.forward(x, y).loss!;
    opt.zeroGrad();
    loss.backward();
    opt.lr = lr;
    opt.step();
    const point = { lre: lre[i], lr, loss: loss.item() };
    points.push(point);
    opts.onPoint?.(i, point);
  }
  return { points, suggested: suggest(points) };
}

/** A fresh model on a words file, as `makemore lr-find` builds it: the seed, then the split, then the weights. */
export interface LrFindOnWordsOptions extends LrFindOptions {
  type: ModelType;
  nLayer?: number;
  nHead?: number;
  nEmbd?: number;
  nEmbd2?: number;
  /** seeds the split and the initial weights (default makemore's 3407) */
  seed?: number;
}

/** lrFind on a fresh model of `type` over the training split of `words`: what `makemore lr-find` runs. */
export function lrFindOnWords(words: readonly string[], opts: LrFindOnWordsOptions): LrFindResult & { parameters: number } {
  const d = MAKEMORE_DEFAULTS;
  manualSeed(opts.seed ?? d.seed);
  const data = createDatasets(words);
  const dims = { nLayer: opts.nLayer ?? d.nLayer, nHead: opts.nHead ?? d.nHead, nEmbd: opts.nEmbd ?? d.nEmbd, nEmbd2: opts.nEmbd2 ?? d.nEmbd2 };
  const model = createModel(opts.type, { vocabSize: data.vocab.size, blockSize: data.blockSize, ...dims });
  return { ...lrFind(model, data.vocab, data.train, opts), parameters: model.numParameters() };
}

function suggest(points: LrFindResult["points"]): { lr: number; loss: number } {
  const w = Math.max(1, Math.floor(points.length / 10));
  let best = { lr: points[0].lr, loss: Infinity };
  for (let i = 0; i + w <= points.length; i++) {
    const window = points.slice(i, i + w).map((p) => p.loss);
    if (!window.every(Number.isFinite)) break; // diverged: nothing later counts
    const mean = window.reduce((a, b) => a + b, 0) / w;
    if (mean < best.loss) best = { lr: points[i + Math.floor(w / 2)].lr, loss: mean };
  }
  return best;
}
