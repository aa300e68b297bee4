/**
 * Bit-exact checks of src/random against torch 1.13 goldens (test/fixtures/torch/rng.json and
 * notebook.json, see RNG_NOTES.md). Every comparison is exact: float32 values survive the trip
 * through JSON doubles unchanged, so deepEqual on numbers compares bits.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { fixture } from "./helpers/fixtures.js";
import {
  Generator,
  crCos,
  crLog,
  crSin,
  defaultGenerator,
  exponentialFill,
  fmaF32,
  fmaF64,
  initEmbeddingWeight,
  initLinearBias,
  initLinearWeight,
  linearBiasBound,
  linearInitBound,
  manualSeed,
  multinomialRows,
  normalFill,
  randintFill,
  randpermFill,
  uniformFill,
  type GeneratorState,
} from "../src/random/index.js";

const R = fixture("torch/rng.json");
const NB = fixture("torch/notebook.json");
const SEEDS = Object.keys(R.seeds);
const f32 = Math.fround;

// ---- torch-like wrappers returning plain arrays --------------------------------------------

const rand = (g: Generator, n: number) => floats32(n, (a) => uniformFill(g, a));
const randF64 = (g: Generator, n: number) => floats64(n, (a) => uniformFill(g, a));
const randn = (g: Generator, n: number) => floats32(n, (a) => normalFill(g, a));
const randnF64 = (g: Generator, n: number) => floats64(n, (a) => normalFill(g, a));
/** `torch.rand(1).item()`: how the goldens pin the stream position after an op. */
const randAfter = (g: Generator) => rand(g, 1)[0];

function floats32(n: number, fill: (a: Float32Array) => void): number[] {
  const a = new Float32Array(n);
  fill(a);
  return Array.from(a);
}

function floats64(n: number, fill: (a: Float64Array) => void): number[] {
  const a = new Float64Array(n);
  fill(a);
  return Array.from(a);
}

function randint(g: Generator, low: number, high: number, n: number): number[] {
  const a = new Int32Array(n);
  randintFill(g, a, low, high);
  return Array.from(a);
}

function randperm(g: Generator, n: number): number[] {
  const a = new Int32Array(n);
  randpermFill(g, a);
  return Array.from(a);
}

/** `torch.multinomial` on a 1-D (number[]) or 2-D (number[][]) input, returning torch's nesting. */
function multinomial(g: Generator, p: number[] | number[][], n: number, replacement = false, torch113 = false) {
  const rows = Array.isArray(p[0]) ? (p as number[][]) : [p as number[]];
  const cols = rows[0].length;
  const out = Array.from(multinomialRows(g, Float32Array.from(rows.flat()), rows.length, cols, n, replacement, { torch113 }));
  const perRow = rows.map((_, r) => out.slice(r * n, (r + 1) * n));
  return Array.isArray(p[0]) ? perRow : perRow[0];
}

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
const sha256F32 = (values: number[]) => sha256(new Uint8Array(Float32Array.from(values).buffer)); // host is little-endian

/** Python's math.fsum: the correctly rounded sum (Shewchuk's exact partials). */
function fsum(values: number[]): number {
  const partials: number[] = [];
  for (let x of values) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

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
    assert.deepEqual(floats32(10, (a) => uniformFill(g, a, -0.125, 0.125)), d.uniform10_pm0125, `seed ${s}`);
    assert.equal(randAfter(g), d.uniform10_pm0125_after_rand1, `seed ${s}`);
    assert.deepEqual(floats32(10, (a) => uniformFill(new Generator(BigInt(s)), a, -1, 3)), d.uniform10_m1_3, `seed ${s}`);
  }
});

test("uniform_ with inexact bounds is fused like torch's FMA-contracted kernel (values from torch 1.13)", () => {
  // torch.empty(6).uniform_(-1/math.sqrt(27), 1/math.sqrt(27), generator=torch.Generator().manual_seed(5))
  const b = 1 / Math.sqrt(27);
  assert.deepEqual(floats32(6, (a) => uniformFill(new Generator(5), a, -b, b)), [
    0.12711401283740997, -0.1439099758863449, 0.1568351536989212, 0.12313997745513916, 0.1616978943347931,
    -0.14755332469940186,
  ]);
  // torch.empty(4, dtype=torch.float64).uniform_(0.1, 0.7, generator=torch.Generator().manual_seed(5))
  assert.deepEqual(floats64(4, (a) => uniformFill(new Generator(5), a, 0.1, 0.7)), [
    0.48520900397685646, 0.2558547491057892, 0.3164965716562925, 0.2890795648894303,
  ]);
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
    assert.deepEqual(floats32(10, (a) => normalFill(g, a)), d.normal10, `seed ${s}`);
    assert.equal(randAfter(g), d.normal10_after_rand1, `seed ${s}`);
    assert.deepEqual(floats32(20, (a) => normalFill(new Generator(BigInt(s)), a, 2, 3)), d.normal20_mean2_std3, `seed ${s}`);
  }
});

test("float64 normal_ with std != 1 is fused like torch (values from torch 1.13)", () => {
  // torch.empty(5, dtype=torch.float64).normal_(0.3, 1.7, generator=torch.Generator().manual_seed(7))
  assert.deepEqual(floats64(5, (a) => normalFill(new Generator(7), a, 0.3, 1.7)), [
    0.05044833427550816, 1.6364402078300109, 1.9095967353067258, -1.5943848361437523, 3.1743432138501966,
  ]);
  // torch.empty(18, dtype=torch.float64).normal_(0.3, 1.7, generator=torch.Generator().manual_seed(9))[:6]
  assert.deepEqual(floats64(18, (a) => normalFill(new Generator(9), a, 0.3, 1.7)).slice(0, 6), [
    1.0240345759808767, -2.535903944646003, 4.275911899485635, -1.6050934712005933, 1.141515070210126,
    -0.7228099001796667,
  ]);
  assert.throws(() => normalFill(new Generator(0), new Float32Array(3), 0, -1), /normal expects std >= 0.0, but found std -1/);
});

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
  assert.deepEqual(floats64(4, (a) => randintFill(g, a, -3, 2 ** 40)), [657414298695, 346451355484, 348702756669, 59776442746]);
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
    assert.equal(p.reduce((acc, x, i) => acc + (i + 1) * x, 0), e.weighted_sum, `seed ${s}`);
    assert.equal(sha256(p.join(",")), e.sha256_csv, `seed ${s}`);
    assert.equal(randAfter(g), e.after_rand1, `seed ${s}`);
  }
});

// ---- exponential -------------------------------------------------------------------------------

test("exponential_ float32 (with stream position) and float64", () => {
  for (const s of SEEDS) {
    const d = R.seeds[s];
    const g = new Generator(BigInt(s));
    assert.deepEqual(floats32(10, (a) => exponentialFill(g, a)), d.exponential10, `seed ${s}`);
    assert.equal(randAfter(g), d.exponential10_after_rand1, `seed ${s}`);
    assert.deepEqual(floats64(10, (a) => exponentialFill(new Generator(BigInt(s)), a)), d.exponential10_f64, `seed ${s}`);
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

// ---- nn init and the default generator -------------------------------------------------------

test("nn.Linear(64, 192) then nn.Embedding(27, 64) then rand(3) after torch.manual_seed(3407)", () => {
  const e = R.nn_init_3407;
  assert.equal(linearInitBound(64), e.kaiming_bound_python);
  assert.equal(linearBiasBound(64), e.bias_bound_python);
  const g = manualSeed(3407);
  assert.equal(g, defaultGenerator);
  const [out, fanIn] = e.linear_weight_shape;
  const weight = new Float32Array(out * fanIn);
  initLinearWeight(g, weight, fanIn);
  const bias = new Float32Array(out);
  initLinearBias(g, bias, fanIn);
  const embedding = new Float32Array(27 * 64);
  initEmbeddingWeight(g, embedding);
  const w = Array.from(weight);
  const em = Array.from(embedding);
  assert.deepEqual(w.slice(0, 10), e.linear_weight_first10);
  assert.deepEqual(w.slice(-5), e.linear_weight_last5);
  assert.equal(fsum(w), e.linear_weight_sum_f64);
  assert.deepEqual(Array.from(bias.subarray(0, 10)), e.linear_bias_first10);
  assert.equal(fsum(Array.from(bias)), e.linear_bias_sum_f64);
  assert.deepEqual(em.slice(0, 10), e.embedding_weight_first10);
  assert.deepEqual(em.slice(-5), e.embedding_weight_last5);
  assert.equal(fsum(em), e.embedding_weight_sum_f64);
  assert.deepEqual(rand(g, 3), e.next_rand3);
});

test("nn.Linear bounds for other fan-ins match torch's Python arithmetic", () => {
  // math.sqrt(3.0) * (nn.init.calculate_gain('leaky_relu', math.sqrt(5)) / math.sqrt(fan_in)), torch 1.13
  const expected: Record<number, number> = {
    27: 0.19245008972987523, 30: 0.18257418583505536, 64: 0.12499999999999999, 100: 0.09999999999999999,
    200: 0.07071067811865474, 300: 0.05773502691896256, 1000: 0.03162277660168379,
  };
  for (const [fanIn, bound] of Object.entries(expected)) assert.equal(linearInitBound(Number(fanIn)), bound, `fan_in ${fanIn}`);
  // torch.manual_seed(3407); lin = nn.Linear(27, 10): the weight's bound rounds inexactly, so the FMA matters
  const g = new Generator(3407);
  const weight = new Float32Array(270);
  initLinearWeight(g, weight, 27);
  const bias = new Float32Array(10);
  initLinearBias(g, bias, 27);
  assert.deepEqual(Array.from(weight.subarray(0, 4)), [0.09968676418066025, 0.08825092017650604, -0.11909597367048264, 0.1432964950799942]);
  assert.deepEqual(Array.from(bias.subarray(0, 3)), [0.1750960350036621, 0.0864206925034523, 0.1705320030450821]);
});

test("the default generator after torch.manual_seed(3407): rand(5) then randn(5)", () => {
  const g = manualSeed(3407);
  assert.deepEqual(rand(g, 5), R.default_generator_3407.rand5);
  assert.deepEqual(randn(g, 5), R.default_generator_3407.randn5);
});

// ---- interleaving ------------------------------------------------------------------------------

test("interleaved 14-step sequences on one generator", () => {
  const p3: number[] = R.multinomial_inputs.p3;
  const p27: number[] = R.multinomial_inputs.p27_linear;
  for (const [seed, steps] of Object.entries<[string, unknown][]>(R.interleaved)) {
    const g = new Generator(BigInt(seed));
    const got: [string, unknown][] = [
      ["rand(3)", rand(g, 3)],
      ["randn(20)", randn(g, 20)],
      ["multinomial(p27_linear,1,replacement=True)", multinomial(g, p27, 1, true, true)],
      ["randn(5)", randn(g, 5)],
      ["randint(0,27,(4,))", randint(g, 0, 27, 4)],
      ["randn(1) [uses the cached sample from randn(5)]", randn(g, 1)],
      ["randn(1)", randn(g, 1)],
      ["multinomial(p3,1) [no replacement: exponential path]", multinomial(g, p3, 1)],
      ["randperm(7)", randperm(g, 7)],
      ["multinomial(p3,6,replacement=True)", multinomial(g, p3, 6, true)],
      ["rand(2,dtype=float64)", randF64(g, 2)],
      ["randn(3,dtype=float64)", randnF64(g, 3)],
      ["randn(1) [uses the cached sample left by randn(3,dtype=float64)]", randn(g, 1)],
      ["rand(2)", rand(g, 2)],
    ];
    assert.deepEqual(got, steps, `seed ${seed}`);
  }
});

// ---- notebook facts ----------------------------------------------------------------------------

const SEED = NB.seed as number;
const itos = [".", ...(NB.chars as string)];

/** notebook.py's probability rows, in float32: row sums of counts are exact integers. */
function bigramRows(smoothing: number): Float32Array[] {
  return (NB.N as number[][]).map((counts) => {
    const row = counts.map((c) => c + smoothing);
    const total = row.reduce((a, b) => a + b, 0);
    return Float32Array.from(row, (c) => c / total);
  });
}
const P_RAW = bigramRows(0);
const P_SMOOTH = bigramRows(1);
const UNIFORM = Array.from({ length: 27 }, () => new Float32Array(27).fill(1 / 27));

/** The notebook's sampling loop: a fresh Generator(seed) per list, ix starting at 0, one draw a step. */
function sampleWords(rows: Float32Array[], count: number, torch113: boolean): string[] {
  const g = new Generator(SEED);
  const words: string[] = [];
  for (let w = 0; w < count; w++) {
    let ix = 0;
    let word = "";
    do {
      ix = multinomialRows(g, rows[ix], 1, 27, 1, true, { torch113 })[0];
      word += itos[ix];
    } while (ix !== 0);
    words.push(word);
  }
  return words;
}

test("notebook: rand(3), its float32 normalisation and multinomial(p, 100, replacement=True)", () => {
  const g = new Generator(SEED);
  const r = rand(g, 3);
  assert.deepEqual(r, NB.rand3);
  const total = f32(f32(r[0] + r[1]) + r[2]);
  const p = r.map((v) => f32(v / total));
  assert.deepEqual(p, NB.rand3_normalised);
  assert.deepEqual(multinomial(g, p, 100, true), NB.multinomial100);
});

test("notebook: PyTorch 2.x fast-path samples (the notes' cexze. momasurailezitynn. ...)", () => {
  const expected = NB.samples_torch2_fastpath_sim;
  assert.deepEqual(sampleWords(P_RAW, 10, false), expected.P_raw);
  assert.deepEqual(sampleWords(P_SMOOTH, 10, false), expected.P_smooth);
  assert.deepEqual(sampleWords(UNIFORM, 10, false), expected.uniform);
  assert.deepEqual(sampleWords(P_SMOOTH, 10, false), NB.samples_notes.P);

  const g = new Generator(SEED);
  const a = multinomialRows(g, P_RAW[0], 1, 27, 1, true)[0];
  const b = multinomialRows(g, P_RAW[a], 1, 27, 1, true)[0];
  assert.deepEqual([[a, itos[a]], [b, itos[b]]], NB.first_draw_torch2_fastpath_sim);
});

test("notebook: torch 1.13 samples (CDF path) and first draws", () => {
  assert.deepEqual(sampleWords(P_RAW, 10, true), NB.samples.P_raw);
  assert.deepEqual(sampleWords(P_SMOOTH, 10, true), NB.samples.P_smooth);
  assert.deepEqual(sampleWords(UNIFORM, 10, true), NB.samples.uniform);
  assert.deepEqual(Array.from(P_RAW[0]), NB.p_row0);

  const g = new Generator(SEED);
  const a = multinomialRows(g, P_RAW[0], 1, 27, 1, true, { torch113: true })[0];
  const b = multinomialRows(g, P_RAW[a], 1, 27, 1, true, { torch113: true })[0];
  assert.deepEqual([a, b], [NB.first_draw.ix, NB.first_draw.second_ix_from_row_of_first]);
});

test("notebook: W = torch.randn((27, 27), generator=g)", () => {
  assert.deepEqual(randn(new Generator(SEED), 27 * 27), NB.emma_forward.W);
});

// ---- checkpoints -------------------------------------------------------------------------------

test("getState/setState: a JSON round trip mid-stream (pending normal cache) continues bit-exactly", () => {
  const g = new Generator(42);
  rand(g, 700); // past the first regeneration
  randn(g, 5); // leaves a cached sample
  const saved: GeneratorState = JSON.parse(JSON.stringify(g.getState()));
  assert.notEqual(saved.nextDoubleNormalSample, null);
  const restored = new Generator(0).setState(saved);
  assert.equal(restored.initialSeed(), 42n);
  const run = (h: Generator) => [randn(h, 1), rand(h, 1000), randn(h, 3), randnF64(h, 33), randperm(h, 50), randint(h, 0, 27, 5)];
  assert.deepEqual(run(restored), run(g));

  const fresh = new Generator(7);
  const atStart = new Generator(1).setState(JSON.parse(JSON.stringify(fresh.getState())));
  assert.deepEqual(rand(atStart, 5), rand(fresh, 5));
  assert.throws(() => new Generator(0).setState({ ...saved, engine: { ...saved.engine, next: 3 } }), /inconsistent counters/);
});

// ---- the exact-arithmetic helpers --------------------------------------------------------------

/** The exact value of a*b + c rounded to `bits` significant bits (half to even), via BigInt. */
function exactFma(a: number, b: number, c: number, bits: number): number {
  const SCALE = 1100; // every double is an integer multiple of 2^-1074; products of ours are far above
  const big = (x: number) => {
    let m = x;
    let e = 0;
    while (!Number.isInteger(m)) {
      m *= 2;
      e++;
    }
    return BigInt(m) << BigInt(SCALE - e);
  };
  const exact = ((big(a) * big(b)) >> BigInt(SCALE)) + big(c); // a*b's scale is exactly 2*SCALE
  if (exact === 0n) return 0;
  const negative = exact < 0n;
  let mag = negative ? -exact : exact;
  const length = mag.toString(2).length;
  let shift = 0;
  if (length > bits) {
    shift = length - bits;
    const kept = mag >> BigInt(shift);
    const rest = mag - (kept << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    mag = rest > half || (rest === half && (kept & 1n) === 1n) ? kept + 1n : kept;
  }
  const value = Number(mag) * 2 ** (shift - SCALE);
  return negative ? -value : value;
}

test("fmaF32 and fmaF64 are correctly rounded (random cases and double-rounding traps)", () => {
  const g = new Generator(123);
  const randomFloat = (bits: number) => {
    const sign = g.random() & 1 ? -1 : 1;
    const fraction = bits === 24 ? (g.random() & 0x7fffff) / 2 ** 23 : Math.floor(g.nextFloat64Uniform() * 2 ** 52) / 2 ** 52;
    const mantissa = 1 + fraction;
    return sign * mantissa * 2 ** ((g.random() % 40) - 20);
  };
  for (let i = 0; i < 3000; i++) {
    const [a, b, c] = [f32(randomFloat(24)), f32(randomFloat(24)), f32(randomFloat(24))];
    assert.equal(fmaF32(a, b, c), exactFma(a, b, c, 24), `fmaF32(${a}, ${b}, ${c})`);
    const [x, y, z] = [randomFloat(53), randomFloat(53), randomFloat(53)];
    assert.equal(fmaF64(x, y, z), exactFma(x, y, z, 53), `fmaF64(${x}, ${y}, ${z})`);
  }
  // a*b + c lands on a midpoint once rounded to double, while the exact value is just above it.
  const trapF32: [number, number, number] = [1 + 2 ** -23, -(1 - 2 ** -23), 2 ** 24 + 6];
  assert.equal(fmaF32(...trapF32), 2 ** 24 + 6);
  assert.notEqual(f32(trapF32[0] * trapF32[1] + trapF32[2]), 2 ** 24 + 6);
  const trapF64: [number, number, number] = [1 + 2 ** -52, -(1 - 2 ** -52), 2 ** 53 + 6];
  assert.equal(fmaF64(...trapF64), 2 ** 53 + 6);
  assert.notEqual(trapF64[0] * trapF64[1] + trapF64[2], 2 ** 53 + 6);
});

test("crLog/crSin/crCos: exact at known points and never more than an ulp from V8's", () => {
  assert.equal(crLog(1), 0);
  assert.equal(crLog(0), -Infinity);
  assert.ok(Number.isNaN(crLog(-1)));
  assert.equal(crLog(Math.E), 1);
  assert.equal(crLog(2), Math.LN2);
  assert.ok(Object.is(crSin(-0), -0));
  assert.equal(crCos(0), 1);
  // glibc (correctly rounded here): math.log(1 - 2**-53), math.sin(math.pi), math.cos(1.0)
  assert.equal(crLog(1 - 2 ** -53), -1.1102230246251565e-16);
  assert.equal(crSin(Math.PI), 1.2246467991473532e-16);
  assert.equal(crCos(1), 0.5403023058681398);
  const ulp = (x: number) => 2 ** (Math.floor(Math.log2(Math.abs(x))) - 52);
  const g = new Generator(5);
  for (let i = 0; i < 2000; i++) {
    const x = 1 - g.nextFloat64Uniform();
    assert.ok(Math.abs(crLog(x) - Math.log(x)) <= ulp(Math.log(x)), `log(${x})`);
    const t = 2 * Math.PI * g.nextFloat64Uniform();
    assert.ok(Math.abs(crSin(t) - Math.sin(t)) <= ulp(Math.sin(t)), `sin(${t})`);
    assert.ok(Math.abs(crCos(t) - Math.cos(t)) <= ulp(Math.cos(t)), `cos(${t})`);
  }
});
