import type { LanguageModel } from "../models/config.js";
import { buildModel, configFileOf } from "../models/checkpoint.js";
import type { Vocab } from "../data/vocab.js";
import { CharDataset } from "../data/dataset.js";
import { codePoints } from "../data/words.js";
import type { Tensor } from "../tensor/tensor.js";
import { randint } from "../tensor/random-ops.js";
import { Generator } from "../random/generator.js";
import { SGD } from "../optim/sgd.js";
import { type DeadUnitMask, type TensorStats, type WeightGradStats, deadUnitMask, tensorStats, weightGradStats } from "./stats.js";
import { UpdateRatioTracker, type UpdateRatioSeries } from "./update-ratio.js";
import { captureActivations } from "./capture.js";
import type { EmbeddingProjection } from "./projection.js";
import { attentionMaps, modelEmbedding } from "./model-views.js";
import type { AttentionMapData } from "./plots/map-specs.js";

export interface InspectOptions {
  /** a word whose attention maps to draw (transformer) */
  word?: string;
  batchSize?: number;
  /** SGD steps whose update:data ratios are tracked (default 100) */
  udSteps?: number;
  /** their learning rate (the lecture's 0.1) */
  lr?: number;
  generator?: Generator;
}

type Named<T> = T & { name: string; kind: string };

export interface InspectReport {
  type: string;
  /** every tanh (or gelu, or recurrent hidden state) output on one training batch */
  activations: Named<TensorStats>[];
  /** the gradient of the loss with respect to each of those outputs */
  gradients: Named<TensorStats>[];
  weights: WeightGradStats[];
  updateRatios: UpdateRatioSeries[];
  /** |h| > 0.99 of the first tanh-bounded layer (none for a model without one) */
  dead: (DeadUnitMask & { name: string }) | null;
  embedding: EmbeddingProjection | null;
  attention: AttentionMapData | null;
}

/**
 * The lectures' diagnostics of a model on a words file, as data: one training batch forward
 * and backward through a copy of the model (the given one is left as it was, BatchNorm's
 * running statistics included), then `udSteps` SGD steps on that copy for the update ratios.
 */
export function inspectModel(model: LanguageModel, vocab: Vocab, words: readonly string[], opts: InspectOptions = {}): InspectReport {
  const fitting = words.filter((w) => codePoints(w).length < model.blockSize && codePoints(w).every((c) => vocab.has(c)));
  if (!fitting.length) throw new Error(`no word fits the model (its characters are ${JSON.stringify(vocab.toString())}, at most ${model.blockSize - 1} long)`);
  const data = new CharDataset(fitting, vocab, model.blockSize);
  const copy = buildModel(configFileOf(model, vocab), model.stateDict()).model;
  copy.train();
  const g = opts.generator ?? new Generator().manualSeed(2147483647);
  const batch = () => data.batch(randint(0, data.length, [opts.batchSize ?? 32], { generator: g }).i32());
  const { x, y } = batch();
  const { activations } = captureActivations(copy, () => copy.forward(x, y).loss!.backward());
  const saturation = (kind: string) => (kind === "gelu" ? undefined : 0.97);
  const report: InspectReport = {
    type: model.type,
    activations: activations.map((a) => ({ name: a.name, kind: a.kind, ...tensorStats(a.tensor, { saturation: saturation(a.kind) }) })),
    gradients: activations.filter((a) => a.tensor.grad).map((a) => ({ name: a.name, kind: a.kind, ...tensorStats(a.tensor.grad!) })),
    weights: weightGradStats(copy.namedParameters()),
    updateRatios: [],
    dead: null,
    embedding: null,
    attention: null,
  };
  const bounded = activations.find((a) => a.kind !== "gelu");
  if (bounded) report.dead = { name: bounded.name, ...deadUnitMask(bounded.tensor, 0.99) };
  report.updateRatios = trackUpdates(copy, batch, opts.udSteps ?? 100, opts.lr ?? 0.1);
  report.embedding = modelEmbedding(model, vocab);
  if (model.type === "transformer" && opts.word !== undefined) report.attention = attentionMaps(model, vocab, opts.word);
  return report;
}

function trackUpdates(model: LanguageModel, batch: () => { x: Tensor; y: Tensor }, steps: number, lr: number): UpdateRatioSeries[] {
  const tracker = new UpdateRatioTracker();
  const opt = new SGD(model.parameters(), lr);
  for (let i = 0; i < steps; i++) {
    const { x, y } = batch();
    opt.zeroGrad();
    model.forward(x, y).loss!.backward();
    opt.step();
    tracker.record(model.namedParameters(), lr);
  }
  return tracker.result({ only2d: true });
}
