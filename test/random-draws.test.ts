/**
 * src/random against torch 1.13, bit for bit: integers, exponential and multinomial draws. The goldens are
 * test/fixtures/torch/rng.json and notebook.json (see RNG_NOTES.md); float32 values survive
 * the trip through JSON doubles unchanged, so deepEqual on numbers compares bits.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  Generator,
  exponentialFill,
  randintFill,
  R,
  SEEDS,
  randAfter,
  floats32,
  floats64,
  randint,
  randperm,
  multinomial,
  sha256,
} from "./helpers/torch-rng.js";

// ---- integers ----------------------------------------------------------------------------------

test("randint(0, 27, (20,)) and randint(5, 10, (8,))", () => {
  for (const s of SEEDS) {
    const d = R.seeds[s];
    const g = new Generator(BigInt(s));
    assert.deepEqual(randint(g, 0, 27, 20), d.randint_0_27_20, `seed ${s}`);
    assert.equal(randAfter(g), d.randint_0_27_20_after_rand1, `seed ${s}`);
    assert.deepEqual(randint(new Generator(BigInt(s)), 5, 10, 8), d.randint_5_10_8, `seed ${s}`);
  }
  assert.throws(() => randint(new Generator(0), 5, 5, 3), /random_ expects 'from' to be less than 'to', but got from=5 >= to=5/);
});

test("randint with a range >= 2^32 takes random64() (values from torch 1.13)", () => {
  // g = torch.Generator().manual_seed(11); torch.randint(-3, 2**40, (4,), dtype=torch.float64, generator=g); torch.rand(1, generator=g)
  const g = new Generator(11);
  assert.deepEqual(
    floats64(4, (a) => randintFill(g, a, -3, 2 ** 40)),
    [657414298695, 346451355484, 348702756669, 59776442746],
  );
  assert.equal(randAfter(g), 0.5721226334571838);
});

test("randperm 10, 100 and 32033 (summaries + stream position)", () => {
  for (const s of SEEDS) {
    const d = R.seeds[s].randperm;
    assert.deepEqual(randperm(new Generator(BigInt(s)), 10), d["10"], `seed ${s}`);
    assert.deepEqual(randperm(new Generator(BigInt(s)), 100), d["100"], `seed ${s}`);
    const e = d["32033"];
    const g = new Generator(BigInt(s));
    const p = randperm(g, e.n);
    assert.deepEqual(p.slice(0, 50), e.first50, `seed ${s}`);
    assert.deepEqual(p.slice(-10), e.last10, `seed ${s}`);
    assert.equal(
      p.reduce((acc, x, i) => acc + (i + 1) * x, 0),
      e.weighted_sum,
      `seed ${s}`,
    );
    assert.equal(sha256(p.join(",")), e.sha256_csv, `seed ${s}`);
    assert.equal(randAfter(g), e.after_rand1, `seed ${s}`);
  }
});

// ---- exponential -------------------------------------------------------------------------------

test("exponential_ float32 (with stream position) and float64", () => {
  for (const s of SEEDS) {
    const d = R.seeds[s];
    const g = new Generator(BigInt(s));
    assert.deepEqual(
      floats32(10, (a) => exponentialFill(g, a)),
      d.exponential10,
      `seed ${s}`,
    );
    assert.equal(randAfter(g), d.exponential10_after_rand1, `seed ${s}`);
    assert.deepEqual(
      floats64(10, (a) => exponentialFill(new Generator(BigInt(s)), a)),
      d.exponential10_f64,
      `seed ${s}`,
    );
  }
});

// ---- multinomial -------------------------------------------------------------------------------

test("multinomial: every recorded case, torch 1.13 path choice", () => {
  for (const s of SEEDS) {
    for (const [name, e] of Object.entries<any>(R.seeds[s].multinomial)) {
      const p: number[] = R.multinomial_inputs[name];
      const at = `seed ${s} ${name}`;
      let g = new Generator(BigInt(s));
      assert.deepEqual(multinomial(g, p, 1), e.n1_default_noreplacement, at);
      assert.equal(randAfter(g), e.n1_default_noreplacement_after_rand1, at);
      g = new Generator(BigInt(s));
      assert.deepEqual(multinomial(g, p, 1, true, true), e.n1_replacement, at);
      assert.equal(randAfter(g), e.n1_replacement_after_rand1, at);
      g = new Generator(BigInt(s));
      assert.deepEqual(multinomial(g, p, 20, true), e.n20_replacement, at);
      assert.equal(randAfter(g), e.n20_replacement_after_rand1, at);
      const k = Math.min(5, p.length);
      g = new Generator(BigInt(s));
      assert.deepEqual(multinomial(g, p, k), e[`n${k}_noreplacement`], at);
      assert.equal(randAfter(g), e[`n${k}_noreplacement_after_rand1`], at);
      assert.deepEqual(multinomial(new Generator(BigInt(s)), [p, p], 1, true, true), e["2d_2rows_n1_replacement"], at);
      assert.deepEqual(multinomial(new Generator(BigInt(s)), [p, p], 1), e["2d_2rows_n1_noreplacement"], at);
      if (e.n5_noreplacement_error !== undefined) {
        assert.throws(() => multinomial(new Generator(BigInt(s)), p, 5), { message: e.n5_noreplacement_error });
      }
    }
  }
});

test("multinomial: PyTorch 2.x sends numSamples == 1 with replacement down the exponential path", () => {
  for (const s of SEEDS) {
    for (const [name, e] of Object.entries<any>(R.seeds[s].multinomial)) {
      const p: number[] = R.multinomial_inputs[name];
      const g = new Generator(BigInt(s));
      assert.deepEqual(multinomial(g, p, 1, true), e.n1_default_noreplacement, `seed ${s} ${name}`);
      assert.equal(randAfter(g), e.n1_default_noreplacement_after_rand1, `seed ${s} ${name}`);
      assert.deepEqual(multinomial(new Generator(BigInt(s)), [p, p], 1, true), e["2d_2rows_n1_noreplacement"]);
    }
  }
});

test("multinomial validates like torch and draws nothing when it refuses", () => {
  const g = new Generator(0);
  const sample = (p: number[], n: number, replacement: boolean) => () => multinomial(g, p, n, replacement);
  assert.throws(sample([0.5, 0.5], 0, true), { message: "cannot sample n_sample <= 0 samples" });
  assert.throws(sample([0.5, -1], 1, false), { message: "probability tensor contains either `inf`, `nan` or element < 0" });
  assert.throws(sample([0.5, NaN], 1, false), { message: "probability tensor contains either `inf`, `nan` or element < 0" });
  assert.throws(sample([0, 0], 1, false), { message: "invalid multinomial distribution (sum of probabilities <= 0)" });
  assert.throws(sample([0.5, -1], 2, true), { message: "invalid multinomial distribution (encountering probability entry < 0)" });
  assert.throws(sample([0.5, Infinity], 2, true), {
    message: "invalid multinomial distribution (encountering probability entry = infinity or NaN)",
  });
  assert.throws(sample([0, 0], 2, true), { message: "invalid multinomial distribution (sum of probabilities <= 0)" });
  assert.deepEqual(g.getState(), new Generator(0).getState());
});
