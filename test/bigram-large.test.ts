import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";
import { vocabOf } from "../src/bigram/tokens.js";

// Spreading a large array into a call (f(...xs)) overflows the stack near 10^5 elements.

test("a vocabulary of 150,000 astral characters: sorted without overflowing the stack, refused before its V² table", () => {
  const words = Array.from({ length: 150_000 }, (_, i) => String.fromCodePoint(0x10000 + i) + "a");
  const vocab = vocabOf(words);
  assert.equal(vocab.size, 150_002, "the stop token, 'a' and every astral character");
  assert.equal(vocab.chars[1], String.fromCodePoint(0x10000), "sorted by code point after the BMP");
  assert.throws(() => mm.countBigrams(words), /^Error: the words use 150001 distinct characters; makemore's vocabulary holds at most 8192$/);
});

test("the counts report with a quarter of a million distinct bigrams lists them all", () => {
  const chars = Array.from({ length: 500 }, (_, i) => String.fromCodePoint(0x100 + i));
  const words: string[] = [];
  for (const a of chars) for (const b of chars) words.push(a + b);
  const c = mm.countBigrams(words);
  const lines = mm.bigramCountsReport(c, 1_000_000);
  assert.equal(mm.distinctBigrams(c), 500 * 500 + 2 * 500);
  assert.ok(lines.includes(`top ${251_000} bigrams:`));
  assert.match(lines.at(-1)!, /^ {2}\S\S +1$/);
});
