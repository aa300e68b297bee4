// Builds what a training session runs on, fresh or from a checkpoint, in makemore's order of
// random draws; every setting is checked here, once, whichever front end asked.
import { Tensor } from "../tensor/tensor.js";
import { defaultGenerator, manualSeed } from "../random/generator.js";
import { createDatasets, type Datasets } from "../data/split.js";
import { wordsDigest } from "../data/digest.js";
import { Vocab } from "../data/vocab.js";
import { createModel, type LanguageModel } from "../models/index.js";
import { type ConfigNaming, validateConfig } from "../models/config.js";
import { modelConfigOf } from "../models/checkpoint.js";
import { withoutInit } from "../nn/init.js";
import { AdamW } from "../optim/adamw.js";
import { estimateMemory } from "../models/memory-estimate.js";
import { checkFits, memoryLimits } from "../models/memory-check.js";
import { defaultWorkers } from "./step.js";
import { BatchStream } from "./batches.js";
import { datasetsForModel } from "./workdir-data.js";
import { MAKEMORE_BETAS, MAKEMORE_DEFAULTS, MAKEMORE_EPS, PRECISIONS, type LoopConfig, type RunConfig } from "./defaults.js";
import { GradScaler } from "../optim/grad-scaler.js";
import { restoreTrainState, type TrainState } from "./state.js";
import type { SessionOptions } from "./session-types.js";
import type { EMAState } from "../optim/ema.js";

/** What a session trains with, and where its run stands. */
export interface SessionParts {
  model: LanguageModel;
  data: Datasets;
  opt: AdamW;
  stream: BatchStream;
  runConfig: RunConfig;
  loopConfig: LoopConfig;
  dataInfo: { words: number; sha256: string };
  step: number;
  bestLoss: number | null;
  bestStep: number | null;
  best: Map<string, Tensor>;
  elapsed: number;
  /** the weights' moving average to continue from (a resumed run with --ema) */
  ema: EMAState | null;
  /** fp16's loss scaling (null for fp32 and bf16, whose exponent range is float32's) */
  scaler: GradScaler | null;
}

/** torch's GradScaler with its defaults for an fp16 run. */
export const scalerFor = (r: Pick<RunConfig, "precision">): GradScaler | null => (r.precision === "fp16" ? new GradScaler() : null);

export const RUN_KEYS = [
  "type",
  "nLayer",
  "nHead",
  "nEmbd",
  "nEmbd2",
  "batchSize",
  "learningRate",
  "weightDecay",
  "seed",
  "dedupe",
  "dropout",
  "lrSchedule",
  "warmupSteps",
  "minLr",
  "gradClip",
  "ema",
  "precision",
  "activationCheckpointing",
] as const satisfies readonly (keyof RunConfig)[];
/** Settings a resumed run cannot change: they fix the model's shape, the split and the initial weights. */
const FIXED_KEYS = ["type", "nLayer", "nHead", "nEmbd", "nEmbd2", "seed", "dedupe"] as const;

function check(ok: boolean, name: string, want: string, got: unknown): void {
  if (!ok) throw new Error(`${name} must be ${want}, got ${typeof got === "number" ? String(got) : JSON.stringify(got)}`);
}

const nameOf = (key: string, naming: ConfigNaming) =>
  naming === "camel"
    ? key
    : naming === "flag"
      ? "--" + key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())
      : key.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());

/** makemore's defaults under the given options, each checked. */
export function resolveRunConfig(o: Partial<RunConfig>, naming: ConfigNaming = "camel"): RunConfig {
  const r: RunConfig = { ...pick(MAKEMORE_DEFAULTS, RUN_KEYS), ...defined(pick(o, RUN_KEYS)) };
  validateConfig(r, naming);
  const n = (k: string) => nameOf(k, naming);
  check(Number.isInteger(r.batchSize) && r.batchSize >= 1 && r.batchSize <= 65536, n("batchSize"), "an integer from 1 to 65536", r.batchSize);
  check(Number.isFinite(r.learningRate) && r.learningRate > 0, n("learningRate"), "a positive number", r.learningRate);
  check(Number.isFinite(r.weightDecay) && r.weightDecay >= 0, n("weightDecay"), "a number ≥ 0", r.weightDecay);
  check(Number.isSafeInteger(r.seed) && r.seed >= 0, n("seed"), "a non-negative integer", r.seed);
  check(typeof r.dedupe === "boolean", n("dedupe"), "true or false", r.dedupe);
  check(Number.isFinite(r.dropout) && r.dropout >= 0 && r.dropout < 1, n("dropout"), "a probability in [0, 1)", r.dropout);
  check(r.lrSchedule === "constant" || r.lrSchedule === "cosine", n("lrSchedule"), "constant or cosine", r.lrSchedule);
  check(Number.isSafeInteger(r.warmupSteps) && r.warmupSteps >= 0, n("warmupSteps"), "an integer ≥ 0", r.warmupSteps);
  check(
    r.minLr === null || (Number.isFinite(r.minLr) && r.minLr >= 0 && r.minLr <= r.learningRate),
    n("minLr"),
    `a number from 0 to the learning rate (${r.learningRate})`,
    r.minLr,
  );
  check(r.gradClip === null || (Number.isFinite(r.gradClip) && r.gradClip > 0), n("gradClip"), "a positive number", r.gradClip);
  check(r.ema === null || (Number.isFinite(r.ema) && r.ema > 0 && r.ema < 1), n("ema"), "a decay in (0, 1), e.g. 0.999", r.ema);
  check((PRECISIONS as readonly string[]).includes(r.precision), n("precision"), "one of " + PRECISIONS.join(", "), r.precision);
  check(typeof r.activationCheckpointing === "boolean", n("activationCheckpointing"), "true or false", r.activationCheckpointing);
  return r;
}

export function resolveLoopConfig(o: Partial<LoopConfig>, naming: ConfigNaming = "camel"): LoopConfig {
  const keys = ["maxSteps", "maxTime", "evalEvery", "numSamples", "temperature", "topK"] as const;
  const l: LoopConfig = { ...pick(MAKEMORE_DEFAULTS, keys), ...defined(pick(o, keys)) };
  const n = (k: string) => nameOf(k, naming);
  check(Number.isSafeInteger(l.maxSteps) && l.maxSteps >= -1, n("maxSteps"), "an integer ≥ -1 (-1: no limit)", l.maxSteps);
  check(Number.isFinite(l.maxTime) && l.maxTime >= 0, n("maxTime"), "a number of seconds ≥ 0 (0: no limit)", l.maxTime);
  check(Number.isSafeInteger(l.evalEvery) && l.evalEvery >= 1, n("evalEvery"), "a positive integer", l.evalEvery);
  check(Number.isSafeInteger(l.numSamples) && l.numSamples >= 0, n("numSamples"), "an integer ≥ 0", l.numSamples);
  check(Number.isFinite(l.temperature) && l.temperature >= 1e-6, n("temperature"), "a number ≥ 1e-6", l.temperature);
  check(l.topK === null || (Number.isSafeInteger(l.topK) && l.topK >= 1), n("topK"), "a positive integer or null", l.topK);
  return l;
}

/** A fresh run: makemore's order of draws (split, initial weights, loader seeds) from manualSeed(seed). */
export function freshParts(words: readonly string[], o: SessionOptions, naming: ConfigNaming = "camel"): SessionParts {
  const runConfig = resolveRunConfig(o, naming);
  const loopConfig = resolveLoopConfig(o, naming);
  manualSeed(runConfig.seed);
  const data = createDatasets(runConfig.dedupe ? dedupe(words) : words);
  const shape = {
    type: runConfig.type,
    vocabSize: data.vocab.size,
    blockSize: data.blockSize,
    ...pick(runConfig, ["nLayer", "nHead", "nEmbd", "nEmbd2", "dropout"]),
  };
  // the weights, gradients, moments and activations must fit before any of them is allocated
  checkFits(
    estimateMemory(shape, { batchSize: runConfig.batchSize, workers: o.workers ?? defaultWorkers(), words: data.train.length }),
    memoryLimits(),
    `this ${runConfig.type}`,
  );
  const model = createModel(runConfig.type, shape);
  const opt = makemoreAdamW(model, runConfig);
  const stream = new BatchStream(data.train, runConfig.batchSize);
  const dataInfo = { words: words.length, sha256: wordsDigest(words) };
  return {
    model,
    data,
    opt,
    stream,
    runConfig,
    loopConfig,
    dataInfo,
    step: 0,
    bestLoss: null,
    bestStep: null,
    best: new Map(),
    elapsed: 0,
    ema: null,
    scaler: scalerFor(runConfig),
  };
}

/** Options of a resumed run: new budgets freely; a new learning rate, batch size, weight decay or words only with allowChanges. */
export interface ResumeOptions extends SessionOptions {
  allowChanges?: boolean;
}

/**
 * The exact state of a checkpoint. Settings given in `o` that differ from the run's are refused
 * (naming the difference) unless allowChanges, and those that fix the model never change.
 */
export function resumedParts(words: readonly string[], state: TrainState, o: ResumeOptions, naming: ConfigNaming = "camel"): SessionParts {
  const { meta, config } = state;
  const saved: RunConfig = { ...pick(MAKEMORE_DEFAULTS, RUN_KEYS), ...meta.run };
  const allow = naming === "flag" ? "pass --force to continue with it" : "pass allowChanges: true to continue with it";
  for (const k of RUN_KEYS) {
    const asked = o[k];
    if (asked === undefined || asked === saved[k]) continue;
    const what = `${nameOf(k, naming)} ${asked} differs from the run's ${saved[k]}`;
    if ((FIXED_KEYS as readonly string[]).includes(k)) throw new Error(`cannot resume: ${what}, and it fixes the model or the split (start a new run instead)`);
    if (!o.allowChanges) throw new Error(`cannot resume: ${what} (${allow})`);
  }
  const sha256 = wordsDigest(words);
  if (sha256 !== meta.data.sha256 && !o.allowChanges)
    throw new Error(
      `cannot resume: these are not the words the run was trained on (${words.length} words, sha256 ${sha256.slice(0, 12)}…; the run's: ${meta.data.words} words, ${meta.data.sha256.slice(0, 12)}…); ${allow}`,
    );
  const runConfig = resolveRunConfig({ ...saved, ...defined(pick(o, RUN_KEYS)) }, naming);
  const loopConfig = resolveLoopConfig({ evalEvery: meta.evalEvery, ...o }, naming);
  const vocab = new Vocab(Array.from(config.vocab));
  const model = withoutInit(() => createModel(config.type, { ...modelConfigOf(config, vocab), dropout: runConfig.dropout }));
  const opt = makemoreAdamW(model, runConfig);
  restoreTrainState(state, model, opt, "the training state");
  const data = datasetsForModel(runConfig.dedupe ? dedupe(words) : words, { vocab, blockSize: config.block_size }, runConfig.seed);
  const stream = new BatchStream(data.train, runConfig.batchSize); // its two seed draws are undone by the restore below
  if (runConfig.batchSize === saved.batchSize) stream.setState(meta.rng.stream);
  else stream.generator.setState(meta.rng.stream.generator); // indices already drawn for the old batch size are dropped
  defaultGenerator.setState(meta.rng.global);
  const best = new Map([...state.best].map(([k, t]) => [k, t.clone()]));
  const scaler = scalerFor(runConfig);
  if (scaler && meta.scaler && saved.precision === "fp16") scaler.loadStateDict(meta.scaler);
  const ema: EMAState | null =
    runConfig.ema !== null && state.ema.size
      ? { decay: runConfig.ema, numUpdates: meta.emaUpdates ?? 0, tensors: new Map([...state.ema].map(([k, t]) => [k, Float32Array.from(t.f32())])) }
      : null;
  return {
    model,
    data,
    opt,
    stream,
    runConfig,
    loopConfig,
    dataInfo: { words: words.length, sha256 },
    step: meta.step,
    bestLoss: meta.bestLoss,
    bestStep: meta.bestStep,
    best,
    elapsed: meta.elapsed,
    ema,
    scaler,
  };
}

/** The words without repeats, first occurrences in order (makemore #25: names.txt repeats 2,539 lines). */
export function dedupe(words: readonly string[]): string[] {
  return [...new Set(words)];
}

function makemoreAdamW(model: LanguageModel, r: RunConfig): AdamW {
  return new AdamW(model.parameters(), { lr: r.learningRate, weightDecay: r.weightDecay, betas: MAKEMORE_BETAS, eps: MAKEMORE_EPS });
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (k in o) out[k] = o[k];
  return out;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
