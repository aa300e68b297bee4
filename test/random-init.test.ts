/**
 * src/random against torch 1.13, bit for bit: nn init, interleaved sequences and checkpoints. The goldens are
 * test/fixtures/torch/rng.json and notebook.json (see RNG_NOTES.md); float32 values survive
 * the trip through JSON doubles unchanged, so deepEqual on numbers compares bits.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  Generator,
  defaultGenerator,
  initEmbeddingWeight,
  initLinearBias,
  initLinearWeight,
  linearBiasBound,
  linearInitBound,
  manualSeed,
  R,
  rand,
  randF64,
  randn,
  randnF64,
  randint,
  randperm,
  multinomial,
  fsum,
  type GeneratorState,
} from "./helpers/torch-rng.js";

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
    27: 0.19245008972987523,
    30: 0.18257418583505536,
    64: 0.12499999999999999,
    100: 0.09999999999999999,
    200: 0.07071067811865474,
    300: 0.05773502691896256,
    1000: 0.03162277660168379,
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
