/**
 * The bulk-drawing kernels (mt19937Bernoulli, mt19937Discard) against the engine drawn word by
 * word: bernoulli_ into float32 (the kernel) and into float64 (two nextUint32 per element, the
 * definition torch's kernel follows) give the same mask from the same seed and leave the
 * generator in the same state, from any starting position and across regenerations; a kernel
 * skip equals Generator.discard. The masks' agreement with torch itself is dropout.test.ts's.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, bernoulliFill } from "../src/random/index.js";
import { kernels } from "../src/backend/index.js";
import { forEachBackend, useBackend } from "./helpers/backends.js";

const START_WORDS = [0, 1, 2, 623, 624, 625, 1247];
const SIZES = [0, 1, 5, 311, 312, 313, 4099];

forEachBackend((backend) => {
  test(`${backend}: a float32 bernoulli_ draws the word-by-word mask and leaves the generator where it would`, () => {
    useBackend(backend);
    for (const start of START_WORDS) {
      for (const n of SIZES) {
        for (const p of [0, 0.3, 0.9, 1]) {
          const a = new Generator(1000 + start).discard(start);
          const b = new Generator(1000 + start).discard(start);
          const f32 = new Float32Array(n);
          const f64 = new Float64Array(n);
          bernoulliFill(a, f32, p, 1.25);
          bernoulliFill(b, f64, p, 1.25);
          assert.deepEqual(Array.from(f32), Array.from(f64), `start ${start}, n ${n}, p ${p}`);
          assert.deepEqual(a.getState(), b.getState(), `state after: start ${start}, n ${n}, p ${p}`);
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

test("bernoulli_ from a fresh generator: element i is (w0 & 0x1fffff) · 2^32 + w1 < p · 2^53 over the raw words", () => {
  const g = new Generator(42);
  const raw = new Generator(42);
  const want = Array.from({ length: 8 }, () => {
    const high = raw.random() & 0x1fffff;
    const low = raw.random();
    return high * 2 ** 32 + low < 0.5 * 2 ** 53 ? 1 : 0;
  });
  const got = new Float32Array(8);
  bernoulliFill(g, got, 0.5);
  assert.deepEqual(Array.from(got), want);
});
