import { manualSeed } from "../random/generator.js";
import { createDatasets } from "../data/split.js";
import { createModel } from "../models/index.js";
import { modelConfigOf, type LoadedModel } from "../models/checkpoint.js";
import { wordsMismatch } from "../train/workdir-data.js";
import { checkSampleOptions, sampleWords } from "./generate.js";

export interface MakemoreSampleOptions {
  seed: number;
  num: number;
  temperature?: number;
  topK?: number | null;
  prefix?: string;
}

export interface MakemoreSamples {
  words: string[];
  /** as makemore prints them; null when `words` were not the model's training words */
  groups: { inTrain: string[]; inTest: string[]; fresh: string[] } | null;
  /** why the samples are not grouped (the words do not fit the model), if they are not */
  ungroupedBecause: string | null;
}

/**
 * makemore --sample-only's draws: seed, split the words (when the model can read them), build the
 * model drawing its init (as makemore does before loading the weights), then sample from the
 * global generator. The same seed and weights give the words the CLI (and PyTorch) print.
 */
export function sampleAsMakemore(saved: LoadedModel, words: readonly string[] | null, o: MakemoreSampleOptions): MakemoreSamples {
  const opts = { num: o.num, temperature: o.temperature ?? 1, topK: o.topK ?? null, prefix: o.prefix };
  checkSampleOptions(saved.vocab, opts);
  const fit = { vocab: saved.vocab, blockSize: saved.config.block_size };
  const mismatch = words ? wordsMismatch(words, fit) : "no words given";
  manualSeed(o.seed);
  const data = words && !mismatch ? createDatasets(words, fit) : null;
  const model = createModel(saved.config.type, modelConfigOf(saved.config, saved.vocab));
  model.loadStateDict(saved.model.stateDict());
  const samples = sampleWords(model, saved.vocab, saved.config.block_size - 1, opts);
  if (!data) return { words: samples, groups: null, ungroupedBecause: mismatch };
  const groups = { inTrain: [] as string[], inTest: [] as string[], fresh: [] as string[] };
  for (const w of samples) (data.train.contains(w) ? groups.inTrain : data.test.contains(w) ? groups.inTest : groups.fresh).push(w);
  return { words: samples, groups, ungroupedBecause: null };
}
