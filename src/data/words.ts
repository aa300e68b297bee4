import { readFileSync, statSync } from "node:fs";

/** Text that cannot be a word list: NUL bytes or invalid UTF-8 mean a binary file. */
export function decodeText(bytes: Uint8Array, source: string): string {
  if (bytes.includes(0)) throw new Error(`${source} looks like a binary file (it contains NUL bytes), not a text file with one word per line`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${source} is not valid UTF-8 text`);
  }
}

/** makemore's reading: strip every line, drop the empty ones. */
export function parseWords(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const w = line.trim();
    if (w) out.push(w);
  }
  return out;
}

/** Reads a words file with a one-line error for a missing, unreadable, binary or empty file. */
export function readWordsFile(path: string): string[] {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new Error(`${path} is a directory, not a words file`);
    bytes = readFileSync(path);
  } catch (e: any) {
    if (e?.code === "ENOENT") throw new Error(`input file not found: ${path}`);
    if (e?.code === "EACCES") throw new Error(`cannot read input file (permission denied): ${path}`);
    throw e instanceof Error ? e : new Error(String(e));
  }
  const words = parseWords(decodeText(bytes, path));
  if (words.length === 0) throw new Error(`${path} has no words: it is empty or has only blank lines`);
  return words;
}

/** Python iterates strings by code point, so lengths and characters here do too. */
export const codePoints = (w: string): string[] => Array.from(w);
