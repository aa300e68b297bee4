import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Tensor } from "../tensor/tensor.js";
import { formatShape, shapesEqual } from "../tensor/shape.js";
import { decodeSafetensors, encodeSafetensors } from "../io/safetensors.js";
import { writeFileAtomic } from "../io/atomic.js";
import type { GeneratorState } from "../random/generator.js";
import type { LanguageModel } from "../models/config.js";
import type { AdamW } from "../optim/adamw.js";
import type { BatchStreamState } from "./batches.js";

export const TRAIN_STATE_FILE = "train_state.safetensors";

/** The JSON half of a training checkpoint, kept in the safetensors header so one rename saves both. */
export interface TrainStateMeta {
  format: 1;
  /** the next step to run */
  step: number;
  bestLoss: number | null;
  /** torch's per-parameter AdamW step count (the same for all parameters here) */
  adamStep: number;
  rng: { global: GeneratorState; stream: BatchStreamState; sample: GeneratorState };
  /** training time spent so far, seconds */
  elapsed: number;
  hyper: { batchSize: number; learningRate: number; weightDecay: number; seed: number; evalEvery: number };
}

/**
 * Saves everything needed to continue exactly: current weights and buffers (not the best model),
 * AdamW moments, the step, and every random stream. One file, written atomically.
 */
export function saveTrainState(dir: string, model: LanguageModel, opt: AdamW, meta: TrainStateMeta): void {
  const tensors = new Map<string, Tensor>();
  for (const [k, t] of model.stateDict()) tensors.set(`model.${k}`, t);
  model.namedParameters().forEach(([k, p], i) => {
    const st = opt.state[i];
    if (!st) return;
    tensors.set(`exp_avg.${k}`, new Tensor(st.expAvg, p.shape));
    tensors.set(`exp_avg_sq.${k}`, new Tensor(st.expAvgSq, p.shape));
  });
  writeFileAtomic(join(dir, TRAIN_STATE_FILE), encodeSafetensors(tensors, { train_state: JSON.stringify(meta) }));
}

export function hasTrainState(dir: string): boolean {
  return existsSync(join(dir, TRAIN_STATE_FILE));
}

/** Restores weights, moments and returns the metadata; every inconsistency is a one-line error. */
export function loadTrainState(dir: string, model: LanguageModel, opt: AdamW): TrainStateMeta {
  const path = join(dir, TRAIN_STATE_FILE);
  const { tensors, metadata } = decodeSafetensors(readFileSync(path), path);
  let meta: TrainStateMeta;
  try {
    meta = JSON.parse(metadata.train_state ?? "");
  } catch {
    throw new Error(`${path} has no readable training state in its header`);
  }
  if (meta?.format !== 1 || !Number.isInteger(meta.step) || meta.step < 0 || !meta.rng) throw new Error(`${path}: unsupported or corrupt training state`);
  const state = new Map<string, Tensor>();
  for (const [k, t] of tensors) if (k.startsWith("model.")) state.set(k.slice(6), t);
  try {
    model.loadStateDict(state);
  } catch (e) {
    throw new Error(`${path} does not fit the model in config.json: ${(e as Error).message}`);
  }
  model.namedParameters().forEach(([k, p], i) => {
    const m = tensors.get(`exp_avg.${k}`);
    const v = tensors.get(`exp_avg_sq.${k}`);
    if (!m || !v) {
      if (meta.adamStep > 0) throw new Error(`${path} lacks the AdamW moments of ${k}`);
      return;
    }
    if (!shapesEqual(m.shape, p.shape) || !shapesEqual(v.shape, p.shape))
      throw new Error(`${path}: AdamW moments of ${k} have shape ${formatShape(m.shape)}, expected ${formatShape(p.shape)}`);
    opt.state[i] = { step: meta.adamStep, expAvg: Float32Array.from(m.flat()), expAvgSq: Float32Array.from(v.flat()) };
  });
  return meta;
}
