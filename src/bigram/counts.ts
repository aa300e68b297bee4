import type { Vocab } from "../data/vocab.js";
import type { Tensor } from "../tensor/tensor.js";
import { tensor } from "../tensor/creation.js";
import { tokenChar, tokenStream, vocabOf } from "./tokens.js";
import { validateWords } from "../data/validate-words.js";

/** The notebook's `N`: how often token b follows token a, with '.' (0) starting and ending every word. */
export interface BigramCounts {
  readonly vocab: Vocab;
  /** V: the characters plus the start/stop token. */
  readonly size: number;
  /** Row-major V×V: `counts[a * size + b]`. */
  readonly counts: Int32Array;
  readonly numWords: number;
  /** Shortest and longest word, in characters (code points). */
  readonly minLength: number;
  readonly maxLength: number;
  /** Bigrams counted, start and stop included: Σ (length + 1). */
  readonly numBigrams: number;
}

export interface TopBigram {
  /** The two characters, e.g. "em", "n." or ".a". */
  readonly bigram: string;
  readonly first: number;
  readonly second: number;
  readonly count: number;
}

/**
 * Counts the bigrams of `words`; the vocabulary defaults to the words' own characters. The words
 * are checked first (validateWords): the V × V table must not be sized by a runaway vocabulary.
 */
export function countBigrams(words: readonly string[], vocab?: Vocab): BigramCounts {
  if (Array.isArray(words) && words.length === 0) throw new Error("no words to count");
  validateWords(words, { minWords: 1 });
  vocab ??= vocabOf(words);
  const { stream, lengths } = tokenStream(words, vocab);
  const size = vocab.size;
  const counts = new Int32Array(size * size);
  for (let i = 1; i < stream.length; i++) counts[stream[i - 1] * size + stream[i]]++;
  let minLength = Infinity;
  let maxLength = 0;
  for (const n of lengths) {
    if (n < minLength) minLength = n;
    if (n > maxLength) maxLength = n;
  }
  return { vocab, size, counts, numWords: words.length, minLength, maxLength, numBigrams: stream.length - 1 };
}

/** `N` as an int32 tensor of shape (V, V). */
export function countsTensor(c: BigramCounts): Tensor {
  return tensor(c.counts).view(c.size, c.size);
}

/** Cells with a non-zero count. */
export function distinctBigrams(c: BigramCounts): number {
  let n = 0;
  for (const v of c.counts) if (v > 0) n++;
  return n;
}

/** The k most frequent bigrams; ties keep row-major order (a stable sort of the flattened N). */
export function topBigrams(c: BigramCounts, k: number): TopBigram[] {
  const cells: number[] = [];
  for (let i = 0; i < c.counts.length; i++) if (c.counts[i] > 0) cells.push(i);
  cells.sort((a, b) => c.counts[b] - c.counts[a] || a - b);
  return cells.slice(0, Math.max(0, k)).map((i) => {
    const first = Math.floor(i / c.size);
    const second = i % c.size;
    return { bigram: tokenChar(c.vocab, first) + tokenChar(c.vocab, second), first, second, count: c.counts[i] };
  });
}
