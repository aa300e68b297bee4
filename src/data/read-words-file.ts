import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { checkNotBinary, parseWords } from "./words.js";
import { validateWords } from "./validate-words.js";
import { MAX_WORDS_FILE_BYTES, BINARY_PROBE_BYTES } from "./limits.js";
import { formatBytes } from "../io/format-bytes.js";

export interface ReadWordsOptions {
  /** refuse files larger than this (default MAX_WORDS_FILE_BYTES, 256 MB) */
  maxBytes?: number;
}

/**
 * Reads a words file with a one-line error for a missing, unreadable, binary, oversized or
 * empty file, or for words beyond makemore's limits (validateWords). The file is read in
 * chunks, each checked as it arrives: /dev/zero or a binary file fails on its first 64 KiB,
 * a regular file over the cap fails from its size, and an endless pipe once it passes the cap.
 */
export function readWordsFile(path: string, opts: ReadWordsOptions = {}): string[] {
  const maxBytes = opts.maxBytes ?? MAX_WORDS_FILE_BYTES;
  const tooBig = (what: string) => new Error(`${path} ${what}; makemore reads words files of at most ${formatBytes(maxBytes)}`);
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw openError(e, path);
  }
  let text: string;
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new Error(`${path} is a directory, not a words file`);
    if (stat.isFile() && stat.size > maxBytes) throw tooBig(`is ${formatBytes(stat.size)}`);
    text = readText(fd, path, maxBytes, () => tooBig(`has more than ${formatBytes(maxBytes)}`));
  } finally {
    closeSync(fd);
  }
  const words = parseWords(text);
  if (words.length === 0) throw new Error(`${path} has no words: it is empty or has only blank lines`);
  validateWords(words, { source: path, minWords: 1 });
  return words;
}

function readText(fd: number, path: string, maxBytes: number, tooBig: () => Error): string {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const chunk = new Uint8Array(BINARY_PROBE_BYTES);
  const parts: string[] = [];
  let total = 0;
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    if (total + n > maxBytes) throw tooBig();
    const bytes = chunk.subarray(0, n);
    checkNotBinary(bytes, path);
    try {
      parts.push(decoder.decode(bytes, { stream: true }));
    } catch {
      throw new Error(`${path} is not valid UTF-8 text (near byte ${total + firstInvalidByte(bytes)})`);
    }
    total += n;
  }
  try {
    parts.push(decoder.decode());
  } catch {
    throw new Error(`${path} is not valid UTF-8 text (it ends inside a character)`);
  }
  return parts.join("");
}

/** Where in a chunk the decoder gave up, for the message (a sequence may start in the chunk before). */
function firstInvalidByte(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // the longest valid prefix, by bisection on whole-prefix validity (streaming, so a cut
  // character at the end is not an error)
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

function openError(e: unknown, path: string): Error {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return new Error(`input file not found: ${path}`);
  if (code === "EACCES") return new Error(`cannot read input file (permission denied): ${path}`);
  if (code === "EISDIR") return new Error(`${path} is a directory, not a words file`);
  return e instanceof Error ? new Error(`cannot read ${path}: ${e.message.split("\n")[0]}`) : new Error(String(e));
}
