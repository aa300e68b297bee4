import type { Vocab } from "../data/vocab.js";
import type { Tensor } from "../tensor/tensor.js";
import { multinomial } from "../tensor/random-ops.js";
import { Generator } from "../random/generator.js";
import { STOP, tokenChar } from "./tokens.js";

/** The notebook's seed: `torch.Generator().manual_seed(2147483647)`. */
export const NOTEBOOK_SEED = 2147483647;

export interface BigramSampleOptions {
  /** Number of words (default 10). */
  count?: number;
  /** A fresh generator seeded with this (default 2147483647); ignored when `generator` is given. */
  seed?: number | bigint;
  generator?: Generator;
  /** Give up on a word after this many characters (default 100000): only a broken P never stops. */
  maxLength?: number;
}

/** The distribution of the next token given the current one. */
export type NextTokenProbs = (token: number) => Tensor;

/**
 * The notebook's sampling loop: from '.', draw `multinomial(p, 1, replacement=True)` until '.'
 * comes back. Each word is returned as printed, ending in '.'. PyTorch 2.x semantics: one draw
 * takes the exponential/argmax path.
 */
export function sampleWordsWith(next: NextTokenProbs, vocab: Vocab, opts: BigramSampleOptions = {}): string[] {
  const count = opts.count ?? 10;
  const maxLength = opts.maxLength ?? 100_000;
  if (!Number.isInteger(count) || count < 0) throw new Error(`the number of words must be an integer >= 0, got ${count}`);
  const generator = opts.generator ?? new Generator(opts.seed ?? NOTEBOOK_SEED);
  const words: string[] = [];
  for (let k = 0; k < count; k++) {
    let word = "";
    let ix = STOP;
    for (let n = 0; ; n++) {
      if (n > maxLength) throw new Error(`a sampled word passed ${maxLength} characters without reaching '.': the probabilities never end a word`);
      ix = multinomial(next(ix), 1, { replacement: true, generator }).item();
      word += tokenChar(vocab, ix);
      if (ix === STOP) break;
    }
    words.push(word);
  }
  return words;
}

/** Samples from a (V, V) matrix of next-token rows, or from one (V,) row used at every step. */
export function sampleBigramWords(P: Tensor, vocab: Vocab, opts: BigramSampleOptions = {}): string[] {
  const V = vocab.size;
  const fits = (P.ndim === 2 && P.shape[0] === V && P.shape[1] === V) || (P.ndim === 1 && P.shape[0] === V);
  if (!fits) throw new Error(`expected probabilities of shape (${V}, ${V}) or (${V}), got (${P.shape.join(", ")})`);
  const next: NextTokenProbs = P.ndim === 1 ? () => P : (ix) => P.select(0, ix);
  return sampleWordsWith(next, vocab, opts);
}
