import { validateWords } from "./validate-words.js";

/** Text that cannot be a word list: NUL bytes or invalid UTF-8 mean a binary file. */
export function decodeText(bytes: Uint8Array, source: string): string {
  checkNotBinary(bytes, source);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${source} is not valid UTF-8 text`);
  }
}

export function checkNotBinary(bytes: Uint8Array, source: string): void {
  if (bytes.includes(0)) throw new Error(`${source} looks like a binary file (it contains NUL bytes), not a text file with one word per line`);
}

/**
 * Where makemore's `f.read().splitlines()` breaks lines: \r\n, \n, a lone \r (old Mac files
 * were read as one word), and the other separators of Python's str.splitlines.
 */
export const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

/** makemore's reading: split into lines, strip every line, drop the empty ones. */
export function parseWords(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(LINE_BREAK)) {
    const w = line.trim();
    if (w) out.push(w);
  }
  return out;
}

/** A words file's bytes as makemore reads them, with the CLI's one-line errors (binary, not UTF-8, empty, beyond the limits). */
export function wordsFromBytes(bytes: Uint8Array, source: string): string[] {
  const words = parseWords(decodeText(bytes, source));
  if (words.length === 0) throw new Error(`${source} has no words: it is empty or has only blank lines`);
  validateWords(words, { source, minWords: 1 });
  return words;
}

/** Python iterates strings by code point, so lengths and characters here do too. */
export const codePoints = (w: string): string[] => Array.from(w);
