import { Generator } from "../random/generator.js";
import { createDatasets, type Datasets } from "../data/split.js";
import type { Vocab } from "../data/vocab.js";

/**
 * Why a saved model cannot read these words (characters outside its vocabulary, or a word longer
 * than its block size), as a sentence; null when it can.
 */
export function wordsMismatch(words: readonly string[], model: { vocab: Vocab; blockSize: number }): string | null {
  const unknown = new Set<string>();
  for (const w of words) for (const c of model.vocab.unknownChars(w)) unknown.add(c);
  if (unknown.size)
    return `the input file has characters the model has never seen (${[...unknown]
      .slice(0, 5)
      .map((c) => JSON.stringify(c))
      .join(", ")}): was it trained on another file?`;
  const maxLen = words.reduce((m, w) => Math.max(m, Array.from(w).length), 0);
  if (maxLen + 1 > model.blockSize)
    return `the input file has a word of ${maxLen} characters, longer than the model's block size allows (${model.blockSize - 1}): was it trained on another file?`;
  return null;
}

/**
 * The train/test split a saved model was trained with: the same seed gives the same randperm;
 * the model's own vocabulary and block size are used, and words it cannot read are an error.
 */
export function datasetsForModel(words: readonly string[], model: { vocab: Vocab; blockSize: number }, seed: number): Datasets {
  const mismatch = wordsMismatch(words, model);
  if (mismatch) throw new Error(mismatch);
  return createDatasets(words, { generator: new Generator().manualSeed(seed), vocab: model.vocab, blockSize: model.blockSize });
}
