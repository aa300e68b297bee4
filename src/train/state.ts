import { Tensor } from "../tensor/tensor.js";
import { formatShape, shapesEqual } from "../tensor/shape.js";
import { decodeSafetensors, encodeSafetensors } from "../io/safetensors.js";
import type { GeneratorState } from "../random/generator.js";
import type { LanguageModel } from "../models/config.js";
import { type ConfigFile, parseConfigFile } from "../models/checkpoint.js";
import type { AdamW } from "../optim/adamw.js";
import type { EMAState } from "../optim/ema.js";
import type { BatchStreamState } from "./batches.js";
import type { RunConfig } from "./defaults.js";
import { TrainStateMetaSchema, describeStateIssue } from "./state-schema.js";
import type { GradScalerState } from "../optim/grad-scaler.js";

export const TRAIN_STATE_FILE = "train_state.safetensors";

/** The JSON half of a training checkpoint, kept in the safetensors header so one rename saves both. */
export interface TrainStateMeta {
  format: 2;
  /** the next step to run */
  step: number;
  bestLoss: number | null;
  /** the step whose weights are the best model (the best.* tensors): scheduled evaluations only */
  bestStep: number | null;
  /** the extra evaluation of a run that stopped between scheduled ones (its weights are model.*) */
  final: { step: number; testLoss: number } | null;
  /** torch's per-parameter AdamW step count (the same for all parameters here) */
  adamStep: number;
  /** evaluations and samples draw from streams of their own, keyed by the step, so only these move */
  rng: { global: GeneratorState; stream: BatchStreamState };
  /** training seconds spent so far */
  elapsed: number;
  run: RunConfig;
  evalEvery: number;
  /** what the run trains on: checked by --resume */
  data: { words: number; sha256: string };
  /** updates folded into the weights' moving average (the ema.* tensors), when the run keeps one */
  emaUpdates?: number;
  /** fp16 runs: the GradScaler's state (scale, growth tracker, skipped steps) */
  scaler?: GradScalerState;
}

/** A decoded checkpoint: the metadata, the model's config, and its tensors by prefix. */
export interface TrainState {
  meta: TrainStateMeta;
  config: ConfigFile;
  /** current weights and buffers, keyed like the state dict */
  model: Map<string, Tensor>;
  /** the best model so far */
  best: Map<string, Tensor>;
  expAvg: Map<string, Tensor>;
  expAvgSq: Map<string, Tensor>;
  /** the moving average of the weights (empty without --ema) */
  ema: Map<string, Tensor>;
}

/**
 * Everything needed to continue exactly, in one safetensors file: current weights and buffers,
 * the best weights, AdamW's moments, the step and every random stream, and the config, so the
 * file alone describes the run.
 */
export function encodeTrainState(
  model: LanguageModel,
  best: Map<string, Tensor>,
  opt: AdamW,
  config: ConfigFile,
  meta: TrainStateMeta,
  ema: EMAState | null,
): Uint8Array {
  const tensors = new Map<string, Tensor>();
  const shapes = model.stateDict();
  for (const [k, t] of shapes) tensors.set(`model.${k}`, t);
  for (const [k, t] of best) tensors.set(`best.${k}`, t);
  if (ema) for (const [k, v] of ema.tensors) tensors.set(`ema.${k}`, new Tensor(v, shapes.get(k)!.shape));
  model.namedParameters().forEach(([k, p], i) => {
    const st = opt.state[i];
    if (!st) return;
    tensors.set(`exp_avg.${k}`, new Tensor(st.expAvg, p.shape));
    tensors.set(`exp_avg_sq.${k}`, new Tensor(st.expAvgSq, p.shape));
  });
  return encodeSafetensors(tensors, { format: "makemore", train_state: JSON.stringify(meta), config: JSON.stringify(config) });
}

/**
 * The weights of the run's model: the final ones (their moving average, with --ema: that is
 * what was evaluated) when they beat the best scheduled evaluation.
 */
export function modelWeightsOf(state: TrainState): { weights: Map<string, Tensor>; step: number } | null {
  const { final, bestLoss, bestStep } = state.meta;
  if (final && (bestLoss === null || final.testLoss < bestLoss)) return { weights: state.ema.size ? state.ema : state.model, step: final.step };
  return bestStep === null ? null : { weights: state.best, step: bestStep };
}

/** Reads a checkpoint; every inconsistency is a one-line error naming `source`. */
export function decodeTrainState(bytes: Uint8Array, source: string): TrainState {
  const { tensors, metadata } = decodeSafetensors(bytes, source);
  const fail = (why: string): never => {
    throw new Error(`${source}: ${why}`);
  };
  let rawMeta: unknown;
  let rawConfig: unknown;
  try {
    rawMeta = JSON.parse(metadata.train_state ?? "");
    rawConfig = JSON.parse(metadata.config ?? "");
  } catch {
    return fail("no readable training state in its header (not written by this version of makemore?)");
  }
  const parsed = TrainStateMetaSchema.safeParse(rawMeta);
  if (!parsed.success) fail(`corrupt training state: ${describeStateIssue(parsed.error)}`);
  const meta = parsed.data as TrainStateMeta;
  const config = parseConfigFile(rawConfig, `${source} (its config)`);
  const byPrefix = (prefix: string) => {
    const out = new Map<string, Tensor>();
    for (const [k, t] of tensors) if (k.startsWith(prefix)) out.set(k.slice(prefix.length), t);
    return out;
  };
  return {
    meta,
    config,
    model: byPrefix("model."),
    best: byPrefix("best."),
    expAvg: byPrefix("exp_avg."),
    expAvgSq: byPrefix("exp_avg_sq."),
    ema: byPrefix("ema."),
  };
}

/** Puts a decoded checkpoint's weights and moments into a model built from its config. */
export function restoreTrainState(state: TrainState, model: LanguageModel, opt: AdamW, source: string): void {
  try {
    model.loadStateDict(state.model);
  } catch (e) {
    throw new Error(`${source} does not fit its own config: ${(e as Error).message}`);
  }
  model.namedParameters().forEach(([k, p], i) => {
    const m = state.expAvg.get(k);
    const v = state.expAvgSq.get(k);
    if (!m || !v) {
      if (state.meta.adamStep > 0) throw new Error(`${source} lacks the AdamW moments of ${k}`);
      return;
    }
    if (!shapesEqual(m.shape, p.shape) || !shapesEqual(v.shape, p.shape))
      throw new Error(`${source}: AdamW moments of ${k} have shape ${formatShape(m.shape)}, expected ${formatShape(p.shape)}`);
    opt.state[i] = { step: state.meta.adamStep, expAvg: Float32Array.from(m.flat()), expAvgSq: Float32Array.from(v.flat()) };
  });
}
