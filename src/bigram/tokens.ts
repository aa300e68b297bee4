import { Vocab } from "../data/vocab.js";

/** The notebook's start/stop token: index 0, printed as '.'. */
export const STOP = 0;
export const STOP_CHAR = ".";

/** The character a token stands for ('.' for the start/stop token). */
export function tokenChar(vocab: Vocab, token: number): string {
  return token === STOP ? STOP_CHAR : vocab.chars[token - 1];
}

/** Whether the UTF-16 unit at i starts a surrogate pair (a lone surrogate counts as a character). */
const startsPair = (w: string, i: number): boolean => {
  const hi = w.charCodeAt(i);
  const lo = i + 1 < w.length ? w.charCodeAt(i + 1) : 0;
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
};

/**
 * The vocabulary of `words`, as `Vocab.fromWords` builds it (sorted code points), but by char
 * codes into a bitmap instead of a set of one-character strings: counting names.txt stays ~ms.
 */
export function vocabOf(words: readonly string[]): Vocab {
  const seenBmp = new Uint8Array(0x10000);
  const astral = new Set<number>();
  for (const w of words) {
    for (let i = 0; i < w.length; i++) {
      if (startsPair(w, i)) {
        astral.add(w.codePointAt(i)!);
        i++;
      } else {
        seenBmp[w.charCodeAt(i)] = 1;
      }
    }
  }
  const codes: number[] = [];
  for (let c = 0; c < 0x10000; c++) if (seenBmp[c]) codes.push(c);
  // a loop, not push(...spread): a spread of 10^5 code points overflows the stack
  for (const c of [...astral].sort((a, b) => a - b)) codes.push(c);
  return new Vocab(codes.map((c) => String.fromCodePoint(c)));
}

/** Code point → token, through a dense table for the BMP and a map above it. */
class TokenTable {
  private readonly bmp = new Int32Array(0x10000).fill(-1);
  private readonly astral = new Map<number, number>();

  constructor(vocab: Vocab) {
    vocab.chars.forEach((ch, i) => {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x10000) this.bmp[cp] = i + 1;
      else this.astral.set(cp, i + 1);
    });
  }

  lookup(cp: number): number {
    return cp < 0x10000 ? this.bmp[cp] : (this.astral.get(cp) ?? -1);
  }
}

/**
 * Every word as tokens, joined into one stream that starts and ends with the stop token and has
 * one stop token between words: `. e m m a . o l i v i a .`. Consecutive pairs of the stream are
 * exactly the notebook's bigrams, in its order. `lengths` are the words' lengths in code points.
 */
export interface TokenStream {
  readonly stream: Int32Array;
  readonly lengths: Int32Array;
}

export function tokenStream(words: readonly string[], vocab: Vocab): TokenStream {
  const table = new TokenTable(vocab);
  let total = 1;
  for (const w of words) total += w.length + 1; // UTF-16 units bound the code points
  const stream = new Int32Array(total);
  const lengths = new Int32Array(words.length);
  let at = 1;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    const start = at;
    for (let i = 0; i < w.length; i++) {
      const cp = w.codePointAt(i)!;
      if (startsPair(w, i)) i++;
      const t = table.lookup(cp);
      if (t < 0) throw unknownCharacter(String.fromCodePoint(cp), w);
      stream[at++] = t;
    }
    lengths[k] = at - start;
    stream[at++] = STOP;
  }
  return { stream: stream.subarray(0, at), lengths };
}

function unknownCharacter(ch: string, word: string): Error {
  const code = "U+" + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  return new Error(`character ${JSON.stringify(ch)} (${code}) in ${JSON.stringify(word)} is not in the vocabulary of the words file`);
}

/** The notebook's training set: `xs` (current token) and `ys` (next token) for every bigram. */
export function bigramExamples(words: readonly string[], vocab: Vocab): { xs: Int32Array; ys: Int32Array } {
  const { stream } = tokenStream(words, vocab);
  return { xs: stream.slice(0, stream.length - 1), ys: stream.slice(1) };
}
