/**
 * src/random against torch 1.13, bit for bit: the mt19937 engine, uniform and normal draws. The goldens are
 * test/fixtures/torch/rng.json and notebook.json (see RNG_NOTES.md); float32 values survive
 * the trip through JSON doubles unchanged, so deepEqual on numbers compares bits.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  Generator,
  normalFill,
  uniformFill,
  R,
  SEEDS,
  rand,
  randF64,
  randn,
  randnF64,
  randAfter,
  floats32,
  floats64,
  sha256F32,
  fsum,
} from "./helpers/torch-rng.js";

// ---- the engine --------------------------------------------------------------------------------

test("mt19937 raw words match torch, across the first and second regeneration", () => {
  for (const s of SEEDS) {
    const g = new Generator(BigInt(s));
    const words = Array.from({ length: 1250 }, () => g.random());
    const d = R.seeds[s];
    assert.deepEqual(words.slice(0, 16), d.raw_u32_first16, `seed ${s}`);
    assert.deepEqual(words.slice(620, 630), d.raw_u32_620_to_630, `seed ${s}`);
    assert.deepEqual(words.slice(1240, 1250), d.raw_u32_1240_to_1250, `seed ${s}`);
  }
});

test("seeds are 64-bit: only the low 32 bits reach the engine, negatives wrap like torch", () => {
  const g = new Generator(2n ** 64n - 1n);
  assert.equal(g.initialSeed(), 18446744073709551615n);
  // torch.Generator().manual_seed(2**64 - 1); torch.rand(2) -> [0.9938, 0.5713] (torch 1.13)
  assert.deepEqual(rand(g, 2), rand(new Generator(0xffffffff), 2));
  assert.equal(new Generator(-5).initialSeed(), 18446744073709551611n);
  assert.throws(() => new Generator(2n ** 64n), RangeError);
  assert.throws(() => new Generator(1.5), RangeError);
  assert.equal(new Generator().initialSeed(), 67280421310721n);
});

// ---- uniform -----------------------------------------------------------------------------------

test("rand float32 (1, 3, 16, 17, 100 and the 65536-value sha256) and float64", () => {
  for (const s of SEEDS) {
    const d = R.seeds[s];
    for (const [n, expected] of Object.entries(d.rand)) {
      assert.deepEqual(rand(new Generator(BigInt(s)), Number(n)), expected, `seed ${s} rand(${n})`);
    }
    assert.deepEqual(randF64(new Generator(BigInt(s)), 5), d.rand_f64_5, `seed ${s}`);
    const big = rand(new Generator(BigInt(s)), 65536);
    assert.equal(sha256F32(big), d.rand_65536.sha256_f32le, `seed ${s}`);
    assert.deepEqual(big.slice(-5), d.rand_65536.last5, `seed ${s}`);
  }
});

test("uniform_(-0.125, 0.125) and uniform_(-1, 3), with the stream position after", () => {
  for (const s of SEEDS) {
    const d = R.seeds[s];
    const g = new Generator(BigInt(s));
    assert.deepEqual(
      floats32(10, (a) => uniformFill(g, a, -0.125, 0.125)),
      d.uniform10_pm0125,
      `seed ${s}`,
    );
    assert.equal(randAfter(g), d.uniform10_pm0125_after_rand1, `seed ${s}`);
    assert.deepEqual(
      floats32(10, (a) => uniformFill(new Generator(BigInt(s)), a, -1, 3)),
      d.uniform10_m1_3,
      `seed ${s}`,
    );
  }
});

test("uniform_ with inexact bounds is fused like torch's FMA-contracted kernel (values from torch 1.13)", () => {
  // torch.empty(6).uniform_(-1/math.sqrt(27), 1/math.sqrt(27), generator=torch.Generator().manual_seed(5))
  const b = 1 / Math.sqrt(27);
  assert.deepEqual(
    floats32(6, (a) => uniformFill(new Generator(5), a, -b, b)),
    [0.12711401283740997, -0.1439099758863449, 0.1568351536989212, 0.12313997745513916, 0.1616978943347931, -0.14755332469940186],
  );
  // torch.empty(4, dtype=torch.float64).uniform_(0.1, 0.7, generator=torch.Generator().manual_seed(5))
  assert.deepEqual(
    floats64(4, (a) => uniformFill(new Generator(5), a, 0.1, 0.7)),
    [0.48520900397685646, 0.2558547491057892, 0.3164965716562925, 0.2890795648894303],
  );
  assert.throws(() => uniformFill(new Generator(0), new Float32Array(1), 2, 1), /uniform_ expects to return a \[from, to\) range/);
});

// ---- normal ------------------------------------------------------------------------------------

test("randn for every recorded n (scalar path < 16, AVX2 path >= 16, ragged tails) and the stream after", () => {
  for (const s of SEEDS) {
    const d = R.seeds[s];
    for (const [n, expected] of Object.entries(d.randn)) {
      const g = new Generator(BigInt(s));
      assert.deepEqual(randn(g, Number(n)), expected, `seed ${s} randn(${n})`);
      assert.equal(randAfter(g), d.randn_after_rand1[n], `seed ${s} rand after randn(${n})`);
    }
    assert.deepEqual(randn(new Generator(BigInt(s)), 27 * 27).slice(0, 27), d.randn_27x27_row0, `seed ${s}`);
  }
});

test("randn(65536): sha256 of the float32 bytes, last values, exact sum, stream position", () => {
  for (const s of SEEDS) {
    const e = R.seeds[s].randn_65536;
    const g = new Generator(BigInt(s));
    const big = randn(g, 65536);
    assert.equal(sha256F32(big), e.sha256_f32le, `seed ${s}`);
    assert.deepEqual(big.slice(-5), e.last5, `seed ${s}`);
    assert.equal(fsum(big), e.sum_f64, `seed ${s}`);
    assert.equal(randAfter(g), e.after_rand1, `seed ${s}`);
  }
});

test("the normal cache: randn(5) leaves a sample that randn(1) returns without drawing", () => {
  for (const s of SEEDS) {
    const e = R.seeds[s].randn5_then_randn1;
    const g = new Generator(BigInt(s));
    assert.deepEqual(randn(g, 5), e.randn5, `seed ${s}`);
    assert.notEqual(g.nextDoubleNormalSample(), null);
    assert.deepEqual(randn(g, 1), e.randn1, `seed ${s}`);
    assert.equal(g.nextDoubleNormalSample(), null);
    assert.equal(randAfter(g), e.after_rand1, `seed ${s}`);
    g.manualSeed(BigInt(s));
    randn(g, 5);
    g.manualSeed(BigInt(s)); // manual_seed clears the cache
    assert.equal(g.nextDoubleNormalSample(), null);
  }
});

test("randn float64: scalar Box-Muller (n=5) and normal_fill<double> (n=17)", () => {
  for (const s of SEEDS) {
    const d = R.seeds[s];
    assert.deepEqual(randnF64(new Generator(BigInt(s)), 5), d.randn_f64_5, `seed ${s}`);
    assert.deepEqual(randnF64(new Generator(BigInt(s)), 17), d.randn_f64_17, `seed ${s}`);
  }
});

test("normal_ with mean/std: 10 (scalar) and 20 (vectorised, mean 2 std 3)", () => {
  for (const s of SEEDS) {
    const d = R.seeds[s];
    const g = new Generator(BigInt(s));
    assert.deepEqual(
      floats32(10, (a) => normalFill(g, a)),
      d.normal10,
      `seed ${s}`,
    );
    assert.equal(randAfter(g), d.normal10_after_rand1, `seed ${s}`);
    assert.deepEqual(
      floats32(20, (a) => normalFill(new Generator(BigInt(s)), a, 2, 3)),
      d.normal20_mean2_std3,
      `seed ${s}`,
    );
  }
});

test("float64 normal_ with std != 1 is fused like torch (values from torch 1.13)", () => {
  // torch.empty(5, dtype=torch.float64).normal_(0.3, 1.7, generator=torch.Generator().manual_seed(7))
  assert.deepEqual(
    floats64(5, (a) => normalFill(new Generator(7), a, 0.3, 1.7)),
    [0.05044833427550816, 1.6364402078300109, 1.9095967353067258, -1.5943848361437523, 3.1743432138501966],
  );
  // torch.empty(18, dtype=torch.float64).normal_(0.3, 1.7, generator=torch.Generator().manual_seed(9))[:6]
  assert.deepEqual(
    floats64(18, (a) => normalFill(new Generator(9), a, 0.3, 1.7)).slice(0, 6),
    [1.0240345759808767, -2.535903944646003, 4.275911899485635, -1.6050934712005933, 1.141515070210126, -0.7228099001796667],
  );
  assert.throws(() => normalFill(new Generator(0), new Float32Array(3), 0, -1), /normal expects std >= 0.0, but found std -1/);
});
