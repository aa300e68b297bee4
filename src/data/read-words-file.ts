import { readFileSync, statSync } from "node:fs";
import { wordsFromBytes } from "./words.js";

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
  return wordsFromBytes(bytes, path);
}
