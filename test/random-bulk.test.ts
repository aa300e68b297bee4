/**
 * The bulk-drawing kernels (mt19937Bernoulli, mt19937Discard) against the engine drawn word by
 * word: bernoulli_ into float32 (the kernel's output) and into float64 (its 0/1 mask, rescaled)
 * give, from the same seed, the mask that two random() words per element define, (w0 & 0x1fffff)
 * · 2^32 + w1 < p · 2^53 (torch's kernel), and leave the generator where those random() calls
 * leave it, from any starting position and across regenerations; a kernel skip equals
 * Generator.discard. The masks' agreement with torch itself is dropout.test.ts's.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, bernoulliFill } from "../src/random/index.js";
import { kernels } from "../src/backend/index.js";
import { forEachBackend, useBackend } from "./helpers/backends.js";

const START_WORDS = [0, 1, 2, 623, 624, 625, 1247];
const SIZES = [0, 1, 5, 311, 312, 313, 4099];

/** n elements of bernoulli_(p) drawn from g one word at a time, as torch's kernel defines them. */
function wordByWord(g: Generator, n: number, p: number, success: number): number[] {
  return Array.from({ length: n }, () => {
    const high = g.random() & 0x1fffff;
    const low = g.random();
    return high * 2 ** 32 + low < p * 2 ** 53 ? success : 0;
  });
}

forEachBackend((backend) => {
  test(`${backend}: bernoulli_ into float32 and float64 draws the word-by-word mask and leaves the generator where it would`, () => {
    useBackend(backend);
    for (const start of START_WORDS) {
      for (const n of SIZES) {
        for (const p of [0, 0.3, 0.9, 1]) {
          const oracle = new Generator(1000 + start).discard(start);
          const want = wordByWord(oracle, n, p, 1.25);
          for (const out of [new Float32Array(n), new Float64Array(n)]) {
            const g = new Generator(1000 + start).discard(start);
            bernoulliFill(g, out, p, 1.25);
            assert.deepEqual(Array.from(out), want, `${out.constructor.name}: start ${start}, n ${n}, p ${p}`);
            assert.deepEqual(g.getState(), oracle.getState(), `state after: ${out.constructor.name}, start ${start}, n ${n}, p ${p}`);
          }
        }
      }
    }
  });

  test(`${backend}: mt19937Discard skips as Generator.discard does`, () => {
    useBackend(backend);
    for (const start of START_WORDS) {
      for (const n of [0, 1, 623, 624, 625, 10_000]) {
        const a = new Generator(7).discard(start);
        const b = new Generator(7).discard(start);
        if (n > 0) a.advanceRaw((state, taken) => kernels.mt19937Discard(state, taken, n));
        b.discard(n);
        assert.deepEqual(a.getState(), b.getState(), `start ${start}, n ${n}`);
        assert.equal(a.random(), b.random());
      }
    }
  });
});

test("bernoulli_ from a fresh generator into a bool mask: 1 where the raw words say", () => {
  const got = new Uint8Array(8);
  bernoulliFill(new Generator(42), got, 0.5);
  assert.deepEqual(Array.from(got), wordByWord(new Generator(42), 8, 0.5, 1));
});
