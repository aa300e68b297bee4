import { readWordsFile } from "../data/read-words-file.js";
import { createDatasets } from "../data/split.js";
import { manualSeed } from "../random/generator.js";
import { readWorkDirModel } from "./workdir.js";
import { createModel } from "../models/index.js";
import { modelConfigOf } from "../models/checkpoint.js";
import { checkSampleOptions, sampleWords } from "../sample/generate.js";
import { formatSamples, formatUngroupedSamples } from "./samples-report.js";
import { wordsMismatch } from "./workdir-data.js";

export interface SampleOnlyOptions {
  inputFile: string;
  /** false when inputFile is only the default (the bundled names), not a file the user named */
  inputFileGiven?: boolean;
  workDir: string;
  seed: number;
  num: number;
  temperature: number;
  topK: number | null;
  prefix?: string;
}

/**
 * makemore --sample-only: seed, split, build the model (drawing its init, as makemore does before
 * loading), load the saved weights, print samples grouped as in train / in test / new. Following
 * makemore's order of draws makes the samples those PyTorch's makemore prints for the same weights.
 * A model trained on another file than the default input still samples, ungrouped.
 */
export async function sampleOnly(o: SampleOnlyOptions): Promise<void> {
  const saved = readWorkDirModel(o.workDir);
  checkSampleOptions(saved.vocab, { num: o.num, temperature: o.temperature, topK: o.topK, prefix: o.prefix });
  const words = readWordsFile(o.inputFile);
  const mismatch = wordsMismatch(words, { vocab: saved.vocab, blockSize: saved.config.block_size });
  if (mismatch && o.inputFileGiven !== false) throw new Error(`${o.inputFile}: ${mismatch}`);
  manualSeed(o.seed);
  const data = mismatch ? null : createDatasets(words, { vocab: saved.vocab, blockSize: saved.config.block_size });
  const model = createModel(saved.config.type, modelConfigOf(saved.config, saved.vocab));
  model.loadStateDict(saved.model.stateDict());
  const samples = sampleWords(model, saved.vocab, saved.config.block_size - 1, { num: o.num, temperature: o.temperature, topK: o.topK, prefix: o.prefix });
  console.log(data ? formatSamples(samples, data.train, data.test) : formatUngroupedSamples(samples, "pass -i with the file the model was trained on to group them as in train / in test / new"));
}
