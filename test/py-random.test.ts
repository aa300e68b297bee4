import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";
import { fixture, repoRoot } from "./helpers/fixtures.js";
import { join } from "node:path";

// goldens from CPython's random module: test/fixtures/lectures/py_random.py
const golden = fixture("lectures/py_random.json");
const seedOf = (s: string): number | bigint => (Number.isSafeInteger(Number(s)) ? Number(s) : BigInt(s));

for (const [seed, c] of Object.entries<any>(golden.cases)) {
  test(`PyRandom(${seed}) draws what CPython ${golden.python} draws`, () => {
    let r = new mm.PyRandom(seedOf(seed));
    assert.deepEqual(
      Array.from({ length: 20 }, () => r.random()),
      c.random,
      "random()",
    );
    r = new mm.PyRandom(seedOf(seed));
    for (const [k, values] of Object.entries<number[]>(c.getrandbits))
      assert.deepEqual(
        values.map(() => r.getrandbits(Number(k))),
        values,
        `getrandbits(${k})`,
      );
    r = new mm.PyRandom(seedOf(seed));
    for (const [n, values] of Object.entries<number[]>(c.randbelow))
      assert.deepEqual(
        values.map(() => r.randbelow(Number(n))),
        values,
        `_randbelow(${n})`,
      );
    r = new mm.PyRandom(seedOf(seed));
    assert.deepEqual(r.shuffle(Array.from({ length: 50 }, (_, i) => i)), c.shuffle50, "shuffle");
    assert.equal(r.random(), c.after_shuffle, "the stream after shuffle");
  });
}

test("random.seed(42); random.shuffle(words) gives the lectures' order of names.txt", () => {
  const words = mm.readWordsFile(join(repoRoot, "data", "names.txt"));
  new mm.PyRandom(42).shuffle(words);
  assert.deepEqual(words.slice(0, 20), golden.names_shuffled_first20);
  assert.deepEqual(words.slice(-5), golden.names_shuffled_last5);
});

test("PyRandom rejects what Python rejects", () => {
  const r = new mm.PyRandom(1);
  assert.throws(() => r.getrandbits(-1), /non-negative/);
  assert.throws(() => r.randbelow(0), /positive/);
  assert.throws(() => r.seed(1.5), /integer/);
  assert.equal(r.getrandbits(0), 0);
});
