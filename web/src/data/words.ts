import { validateWords, wordsFromBytes } from "makemore";
import namesText from "../../../data/names.txt?raw";

/** The training words and where they came from. */
export interface WordList {
  /** shown to the user, and used in the CLI's messages (a file's name, "pasted text", "names.txt") */
  source: string;
  words: string[];
  /** the bytes as given, so a run kept in IndexedDB can be continued on the same data */
  text: string;
}

export interface WordStats {
  count: number;
  /** the distinct characters in token order */
  vocab: string[];
  minLength: number;
  maxLength: number;
  /** words that appear more than once, with how often (the most repeated first) */
  duplicates: { word: string; count: number }[];
  /** lines beyond the first occurrence */
  duplicateLines: number;
}

export const BUNDLED_SOURCE = "names.txt";

let bundled: WordList | null = null;

/** The bundled names (parsed once: the page asks for them often). */
export const bundledNames = (): WordList =>
  (bundled ??= { source: BUNDLED_SOURCE, words: wordsFromBytes(new TextEncoder().encode(namesText), BUNDLED_SOURCE), text: namesText });

/**
 * Reads a words file (uploaded, dropped or pasted) as the CLI does; bad input throws the CLI's
 * one-line message: an empty file, binary data, invalid UTF-8, a single word.
 */
export function wordListFromBytes(bytes: Uint8Array, source: string): WordList {
  const words = wordsFromBytes(bytes, source);
  validateWords(words);
  return { source, words, text: new TextDecoder().decode(bytes) };
}

export const wordListFromText = (text: string, source = "pasted text"): WordList => wordListFromBytes(new TextEncoder().encode(text), source);

export function wordStats(words: readonly string[]): WordStats {
  const chars = new Set<string>();
  const seen = new Map<string, number>();
  let minLength = Infinity;
  let maxLength = 0;
  for (const w of words) {
    const cps = Array.from(w);
    for (const c of cps) chars.add(c);
    minLength = Math.min(minLength, cps.length);
    maxLength = Math.max(maxLength, cps.length);
    seen.set(w, (seen.get(w) ?? 0) + 1);
  }
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([word, count]) => ({ word, count })).sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : 1));
  return {
    count: words.length,
    vocab: [...chars].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!),
    minLength: words.length ? minLength : 0,
    maxLength,
    duplicates,
    duplicateLines: duplicates.reduce((s, d) => s + d.count - 1, 0),
  };
}
