import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

/**
 * The identity of a word list: SHA-256 of its words joined by newlines. Two files that read as
 * the same words (CRLF or LF, trailing blanks) are the same data, and give the same split.
 */
export function wordsDigest(words: readonly string[]): string {
  return bytesToHex(sha256(new TextEncoder().encode(words.join("\n"))));
}
