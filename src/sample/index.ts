import type { LoadedModel } from "../models/checkpoint.js";
import { type SampleOptions, sampleWords } from "./generate.js";
import { type WordScore, scoreWords } from "./score.js";

export type { SampleOptions, WordScore };
export { generateTokens, sampleWords, checkSampleOptions } from "./generate.js";
export { scoreWords } from "./score.js";
export { sampleAsMakemore, type MakemoreSampleOptions, type MakemoreSamples } from "./as-makemore.js";

/** Words sampled from a loaded model (`loadModel(dir | bytes)`), up to its block size long. */
export function sample(loaded: LoadedModel, opts: SampleOptions = {}): string[] {
  return sampleWords(loaded.model, loaded.vocab, loaded.config.block_size - 1, opts);
}

/** Per-word NLL (nats per character, end token included) and perplexity under a loaded model. */
export function score(loaded: LoadedModel, words: readonly string[]): WordScore[] {
  return scoreWords(loaded.model, loaded.vocab, words);
}
