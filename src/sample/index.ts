import type { LoadedModel } from "../models/checkpoint.js";
import { type SampleOptions, sampleWords } from "./generate.js";
import { type WordScore, type WordCharScores, scoreWords, scoreWordChars } from "./score.js";

export type { SampleOptions, WordScore, WordCharScores };
export type { CharScore } from "./score.js";
export { generateTokens, sampleWords, checkSampleOptions } from "./generate.js";
export { scoreWords } from "./score.js";
export { sampleAsMakemore, type MakemoreSampleOptions, type MakemoreSamples } from "./as-makemore.js";

/** Words sampled from a loaded model (`loadModel(dir | bytes)`), up to its block size long. */
export function sample(loaded: LoadedModel, opts: SampleOptions = {}): string[] {
  return sampleWords(loaded.model, loaded.vocab, loaded.config.block_size - 1, opts);
}

/** One word's score with each character's probability (the end token last). */
export function scoreChars(loaded: LoadedModel, word: string): WordCharScores {
  return scoreWordChars(loaded.model, loaded.vocab, word);
}

/** Per-word NLL (nats per character, end token included) and perplexity under a loaded model. */
export function score(loaded: LoadedModel, words: readonly string[]): WordScore[] {
  return scoreWords(loaded.model, loaded.vocab, words);
}
