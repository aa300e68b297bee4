import { MAX_VOCAB, MAX_WORD_LENGTH } from "./limits.js";
import { LINE_BREAK } from "./words.js";

export interface ValidateWordsOptions {
  /** 2 to train (one word to train on, one to test), 1 to count or score (default 2) */
  minWords?: number;
  /** prefixes every message, e.g. the file's path */
  source?: string;
}

const preview = (w: string): string => JSON.stringify(w.length > 24 ? `${w.slice(0, 24)}…` : w);

/**
 * What a list of words must be before makemore builds anything from it, whether it came from a
 * file (readWordsFile) or a caller's array: strings, each non-empty after trimming and on one
 * line, at most MAX_WORD_LENGTH characters, MAX_VOCAB distinct characters in all, and at least
 * `minWords` of them. Each failure is one line naming the word (by its 1-based position) and
 * the limit. One pass over the characters; a bitmap over the BMP (and a set above it) counts the vocabulary.
 */
export function validateWords(words: readonly string[], opts: ValidateWordsOptions = {}): void {
  const fail = (why: string): never => {
    throw new Error(opts.source ? `${opts.source}: ${why}` : why);
  };
  if (!Array.isArray(words)) fail(`words must be an array of strings, got ${typeof words}`);
  const seenBmp = new Uint8Array(0x10000);
  const seenAstral = new Set<number>();
  let distinct = 0;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (typeof w !== "string") fail(`word ${k + 1} is not a string: ${String(JSON.stringify(w) ?? w)}`);
    if (w.trim() === "") fail(`word ${k + 1} is empty (or only whitespace)`);
    if (LINE_BREAK.test(w)) fail(`word ${k + 1} (${preview(w)}) contains a line break: a word is one line of a words file`);
    let length = 0;
    for (let i = 0; i < w.length; i++, length++) {
      const cp = w.codePointAt(i)!;
      if (cp > 0xffff) {
        i++;
        if (!seenAstral.has(cp)) {
          seenAstral.add(cp);
          distinct++;
        }
      } else if (!seenBmp[cp]) {
        seenBmp[cp] = 1;
        distinct++;
      }
    }
    if (length > MAX_WORD_LENGTH)
      fail(`word ${k + 1} has ${length} characters; makemore reads words of at most ${MAX_WORD_LENGTH} (its block size is the longest word + 1)`);
  }
  if (distinct > MAX_VOCAB) fail(`the words use ${distinct} distinct characters; makemore's vocabulary holds at most ${MAX_VOCAB}`);
  const minWords = opts.minWords ?? 2;
  if (words.length < minWords)
    fail(minWords >= 2 ? `need at least ${minWords} words to train and test, got ${words.length}` : `no words (need at least ${minWords})`);
}
