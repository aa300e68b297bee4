import { randperm } from "../tensor/random-ops.js";
import type { Generator } from "../random/generator.js";
import { CharDataset, maxWordLength } from "./dataset.js";
import { Vocab } from "./vocab.js";
import { validateWords } from "./validate-words.js";

export interface Datasets {
  train: CharDataset;
  test: CharDataset;
  vocab: Vocab;
  blockSize: number;
}

/**
 * makemore's create_datasets: vocabulary from all words, block size = longest word + 1, and a
 * test set of min(1000, 10%) words taken from the end of randperm(n) (the first draw after
 * manualSeed, so the split equals PyTorch's). Files under 10 words hold out one word, where
 * makemore would hold out none and train on nothing. The words are checked first
 * (validateWords), so an array from a library caller meets the same rules as a file.
 */
export function createDatasets(words: readonly string[], opts: { generator?: Generator; vocab?: Vocab; blockSize?: number } = {}): Datasets {
  validateWords(words);
  const vocab = opts.vocab ?? Vocab.fromWords(words);
  const blockSize = opts.blockSize ?? maxWordLength(words) + 1;
  const nTest = Math.max(1, Math.min(1000, Math.floor(words.length * 0.1)));
  const rp = randperm(words.length, { generator: opts.generator }).i32();
  const trainWords: string[] = [];
  const testWords: string[] = [];
  for (let i = 0; i < rp.length; i++) (i < rp.length - nTest ? trainWords : testWords).push(words[rp[i]]);
  return {
    train: new CharDataset(trainWords, vocab, blockSize),
    test: new CharDataset(testWords, vocab, blockSize),
    vocab,
    blockSize,
  };
}
