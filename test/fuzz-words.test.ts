import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import * as mm from "makemore";
import { LINE_BREAK } from "../src/data/words.js";
import { tempDir } from "./helpers/cli.js";
import { fuzzProperty, outcome } from "./helpers/fuzz.js";

// Words files as people have them: any bytes, any line ends, any characters. A list of words
// that meets makemore's rules, or one line saying which rule a file breaks.

const dir = tempDir("makemore-fuzz-words-");
const encode = (s: string) => new TextEncoder().encode(s);
const lineEnd = fc.constantFrom("\n", "\r\n", "\r", "\u2028", "\x85", "\f");
const space = fc.constantFrom("", " ", "\t", "  ", "\u00a0", "\u3000");
/** A word as makemore keeps it: non-empty, trimmed, one line. */
const word = fc
  .string({ minLength: 1, maxLength: 12, unit: "grapheme" })
  .map((w) => w.trim())
  .filter((w) => w !== "" && !LINE_BREAK.test(w));

/** What every accepted list must be (validateWords throws otherwise). */
function checkWords(words: string[]): void {
  assert.ok(words.length >= 1);
  for (const w of words) assert.ok(w === w.trim() && w !== "" && !LINE_BREAK.test(w), JSON.stringify(w));
  mm.validateWords(words, { minWords: 1 });
}

test("fuzz: words joined by any line ends, blank lines and padding read back as the same words", async () => {
  const file = fc.array(fc.tuple(word, lineEnd, space, space, fc.array(lineEnd, { maxLength: 2 })), { minLength: 1, maxLength: 30 });
  await fuzzProperty(
    "words round trip",
    fc.property(file, (lines) => {
      const text = lines.map(([w, end, before, after, blanks]) => before + w + after + end + blanks.join("")).join("");
      assert.deepEqual(
        mm.parseWords(mm.decodeText(encode(text), "f.txt")),
        lines.map(([w]) => w),
      );
    }),
    300,
  );
});

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 200 }).map(encode),
  fc.array(fc.oneof(word, lineEnd, space, fc.constantFrom("\0", "\ud800")), { maxLength: 40 }).map((parts) => encode(parts.join(""))),
);

test("fuzz: any bytes decode to words or fail with one line naming the file", async () => {
  await fuzzProperty(
    "words from bytes",
    fc.property(bytes, (b) => {
      const r = outcome(() => mm.parseWords(mm.decodeText(b, "f.txt")), /^f\.txt /);
      if (r.ok) for (const w of r.value) assert.ok(w !== "" && w === w.trim() && !LINE_BREAK.test(w));
    }),
    500,
  );
});

test("fuzz: readWordsFile on files of any content: the words, or one line", async () => {
  let n = 0;
  await fuzzProperty(
    "readWordsFile",
    fc.property(bytes, fc.constantFrom(0, 1, 64 * 1024 - 1), (b, pad) => {
      const path = join(dir, `w${n++ % 8}.txt`);
      // padding puts the interesting bytes across the reader's 64 KiB chunk boundary
      const content = new Uint8Array(pad + b.length);
      content.fill(0x61, 0, pad);
      content.set(b, pad);
      writeFileSync(path, content);
      const r = outcome(() => mm.readWordsFile(path), new RegExp(`^${path.replace(/[.\\/]/g, "\\$&")}`));
      if (r.ok) {
        checkWords(r.value);
        assert.deepEqual(r.value, mm.parseWords(mm.decodeText(content, path)), "chunked reading equals reading at once");
      }
    }),
    150,
  );
});

test("fuzz: validateWords on whatever a caller passes", async () => {
  const lists = fc.oneof(fc.array(fc.oneof(word, fc.string(), fc.anything()), { maxLength: 6 }), fc.anything());
  await fuzzProperty(
    "validateWords",
    fc.property(lists, (words) => {
      const r = outcome(() => mm.validateWords(words as string[]));
      if (r.ok) {
        assert.ok(Array.isArray(words) && words.length >= 2);
        for (const w of words) assert.ok(typeof w === "string" && w.trim() !== "" && !LINE_BREAK.test(w));
      }
    }),
    500,
  );
});
