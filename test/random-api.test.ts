/**
 * rng.json through the public API (`import * as mm from "makemore"`): the same goldens as
 * random.test.ts checks at the kernel level, spelled as a user writes them. rng.json was made
 * by torch 1.13, whose multinomial(p, 1, replacement=True) takes the CDF path; our default is
 * current PyTorch's, so those entries pass { torch113: true }.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as mm from "makemore";
import { fixture } from "./helpers/fixtures.js";

const R = fixture<any>("torch/rng.json");
const G = (seed: number) => new mm.Generator().manualSeed(seed);
const after = (g: mm.Generator) => mm.rand(1, { generator: g }).item();
const sha = (t: mm.Tensor) =>
  createHash("sha256")
    .update(Buffer.from(t.f32().buffer, t.storage.byteOffset, t.storage.byteLength))
    .digest("hex");

for (const [seedStr, d] of Object.entries<any>(R.seeds)) {
  const s = Number(seedStr);
  test(`seed ${s}: raw words, rand, randn and their stream positions`, () => {
    const g = G(s);
    const words = Array.from({ length: 1250 }, () => g.random());
    assert.deepEqual(words.slice(0, 16), d.raw_u32_first16);
    assert.deepEqual(words.slice(620, 630), d.raw_u32_620_to_630);
    assert.deepEqual(words.slice(1240, 1250), d.raw_u32_1240_to_1250);
    for (const [n, v] of Object.entries(d.rand)) assert.deepEqual(mm.rand([Number(n)], { generator: G(s) }).tolist(), v, `rand(${n})`);
    assert.deepEqual(mm.rand(5, { generator: G(s), dtype: "float64" }).tolist(), d.rand_f64_5);
    for (const [n, v] of Object.entries(d.randn)) {
      const g2 = G(s);
      assert.deepEqual(mm.randn(Number(n), { generator: g2 }).tolist(), v, `randn(${n})`);
      assert.equal(after(g2), d.randn_after_rand1[n], `stream position after randn(${n})`);
    }
    const g3 = G(s);
    assert.deepEqual(mm.randn(5, { generator: g3 }).tolist(), d.randn5_then_randn1.randn5);
    assert.deepEqual(mm.randn(1, { generator: g3 }).tolist(), d.randn5_then_randn1.randn1, "the cached normal");
    assert.equal(after(g3), d.randn5_then_randn1.after_rand1);
    assert.deepEqual(
      mm
        .randn([27, 27], { generator: G(s) })
        .select(0, 0)
        .tolist(),
      d.randn_27x27_row0,
    );
    const g4 = G(s);
    const big = mm.randn(65536, { generator: g4 });
    assert.equal(sha(big), d.randn_65536.sha256_f32le);
    assert.equal(after(g4), d.randn_65536.after_rand1);
    assert.equal(sha(mm.rand(65536, { generator: G(s) })), d.rand_65536.sha256_f32le);
  });

  test(`seed ${s}: randint, randperm, exponential_, normal_, uniform_`, () => {
    const g = G(s);
    assert.deepEqual(mm.randint(0, 27, [20], { generator: g }).tolist(), d.randint_0_27_20);
    assert.equal(after(g), d.randint_0_27_20_after_rand1);
    assert.deepEqual(mm.randint(5, 10, [8], { generator: G(s) }).tolist(), d.randint_5_10_8);
    for (const n of ["10", "100"]) assert.deepEqual(mm.randperm(Number(n), { generator: G(s) }).tolist(), d.randperm[n]);
    const g2 = G(s);
    const p = mm.randperm(32033, { generator: g2 }).tolist() as number[];
    assert.deepEqual(p.slice(0, 50), d.randperm["32033"].first50);
    assert.equal(
      p.reduce((acc, x, i) => acc + (i + 1) * x, 0),
      d.randperm["32033"].weighted_sum,
    );
    assert.equal(after(g2), d.randperm["32033"].after_rand1);
    const g3 = G(s);
    assert.deepEqual(mm.empty([10]).exponential_({ generator: g3 }).tolist(), d.exponential10);
    assert.equal(after(g3), d.exponential10_after_rand1);
    const g4 = G(s);
    assert.deepEqual(mm.empty([10]).normal_({ mean: 0, std: 1, generator: g4 }).tolist(), d.normal10);
    assert.equal(after(g4), d.normal10_after_rand1);
    assert.deepEqual(
      mm
        .empty([20])
        .normal_({ mean: 2, std: 3, generator: G(s) })
        .tolist(),
      d.normal20_mean2_std3,
    );
    const g5 = G(s);
    assert.deepEqual(mm.empty([10]).uniform_({ from: -0.125, to: 0.125, generator: g5 }).tolist(), d.uniform10_pm0125);
    assert.equal(after(g5), d.uniform10_pm0125_after_rand1);
    assert.deepEqual(
      mm
        .empty([10])
        .uniform_({ from: -1, to: 3, generator: G(s) })
        .tolist(),
      d.uniform10_m1_3,
    );
  });

  test(`seed ${s}: multinomial, 1-D and 2-D, every path`, () => {
    for (const [name, probs] of Object.entries<number[]>(R.multinomial_inputs)) {
      const e = d.multinomial[name];
      const p = mm.tensor(probs, { dtype: "float32" });
      const run = (n: number, replacement: boolean, torch113 = false) => {
        const g = G(s);
        return { v: mm.multinomial(p, n, { replacement, generator: g, torch113 }).tolist(), after: after(g) };
      };
      let r = run(1, false);
      assert.deepEqual([r.v, r.after], [e.n1_default_noreplacement, e.n1_default_noreplacement_after_rand1], `${name} n=1`);
      r = run(1, true, true);
      assert.deepEqual([r.v, r.after], [e.n1_replacement, e.n1_replacement_after_rand1], `${name} n=1 replacement (1.13)`);
      r = run(1, true);
      assert.deepEqual(
        [r.v, r.after],
        [e.n1_default_noreplacement, e.n1_default_noreplacement_after_rand1],
        `${name}: 2.x draws one sample by the exponential path`,
      );
      r = run(20, true);
      assert.deepEqual([r.v, r.after], [e.n20_replacement, e.n20_replacement_after_rand1], `${name} n=20`);
      const k = Math.min(5, probs.length);
      r = run(k, false);
      assert.deepEqual([r.v, r.after], [e[`n${k}_noreplacement`], e[`n${k}_noreplacement_after_rand1`]], `${name} n=${k} without replacement`);
      if (probs.length < 5)
        assert.throws(
          () => mm.multinomial(p, 5, { generator: G(s) }),
          (err: Error) => err.message.includes("cannot sample n_sample > prob_dist.size(-1) samples without replacement"),
        );
      const p2 = mm.stack([p, p]);
      assert.deepEqual(mm.multinomial(p2, 1, { replacement: true, generator: G(s), torch113: true }).tolist(), e["2d_2rows_n1_replacement"]);
      assert.deepEqual(mm.multinomial(p2, 1, { generator: G(s) }).tolist(), e["2d_2rows_n1_noreplacement"]);
    }
  });
}

test("the default generator: manualSeed(3407), then rand(5) and randn(5)", () => {
  mm.manualSeed(3407);
  assert.deepEqual(mm.rand(5).tolist(), R.default_generator_3407.rand5);
  assert.deepEqual(mm.randn(5).tolist(), R.default_generator_3407.randn5);
});

for (const [seedStr, steps] of Object.entries<[string, any][]>(R.interleaved)) {
  test(`seed ${seedStr}: the interleaved 14-step sequence on one generator`, () => {
    const g = G(Number(seedStr));
    const P3 = mm.tensor(R.multinomial_inputs.p3, { dtype: "float32" });
    const P27 = mm.tensor(R.multinomial_inputs.p27_linear, { dtype: "float32" });
    const got = [
      mm.rand(3, { generator: g }),
      mm.randn(20, { generator: g }),
      mm.multinomial(P27, 1, { replacement: true, generator: g, torch113: true }),
      mm.randn(5, { generator: g }),
      mm.randint(0, 27, [4], { generator: g }),
      mm.randn(1, { generator: g }),
      mm.randn(1, { generator: g }),
      mm.multinomial(P3, 1, { generator: g }),
      mm.randperm(7, { generator: g }),
      mm.multinomial(P3, 6, { replacement: true, generator: g }),
      mm.rand(2, { generator: g, dtype: "float64" }),
      mm.randn(3, { generator: g, dtype: "float64" }),
      mm.randn(1, { generator: g }),
      mm.rand(2, { generator: g }),
    ].map((t) => t.tolist());
    steps.forEach(([label, want], i) => assert.deepEqual(got[i], want, label));
  });
}
