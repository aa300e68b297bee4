import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";
import { fixture } from "./helpers/fixtures.js";
import { assertClose } from "./helpers/close.js";

// goldens from torch 1.13: test/fixtures/lectures/ops.py
const golden = fixture("lectures/ops.json");

for (const c of golden.histogram) {
  test(`histogram(${c.input}, bins ${c.bins}${c.range ? `, range ${c.range}` : ""}${c.density ? ", density" : ""}) as torch.histogram`, () => {
    const { hist, binEdges } = mm.histogram(mm.tensor(c.values, { dtype: "float32" }), { bins: c.bins, range: c.range ?? undefined, density: c.density });
    assertClose(binEdges.flat(), c.bin_edges, "bin edges", 0, 0);
    if (c.density) assertClose(hist.flat(), c.hist, "density", 1e-6, 0);
    else assert.deepEqual(Array.from(hist.flat()), c.hist);
  });
}

for (const c of golden.kaiming) {
  test(`kaimingNormal_ and kaimingUniform_ ${JSON.stringify(c.shape)} ${c.mode} ${c.nonlinearity} draw torch's values`, () => {
    mm.manualSeed(42);
    const w = mm.kaimingNormal_(mm.empty(c.shape), { mode: c.mode, nonlinearity: c.nonlinearity });
    assertClose(Array.from(w.flat()).slice(0, 64), c.normal, "kaiming_normal_", 1e-6, 1e-7);
    assertClose([w.std().item()], [c.normal_std], "std", 1e-5);
    mm.manualSeed(42);
    const u = mm.kaimingUniform_(mm.empty(c.shape), { mode: c.mode, nonlinearity: c.nonlinearity });
    assertClose(Array.from(u.flat()).slice(0, 64), c.uniform, "kaiming_uniform_", 1e-6, 1e-7);
  });
}

test("calculateGain matches torch.nn.init.calculate_gain", () => {
  for (const [name, value] of Object.entries<number>(golden.gain)) {
    const got = name === "leaky_relu(0.2)" ? mm.calculateGain("leaky_relu", 0.2) : mm.calculateGain(name as mm.Nonlinearity);
    assert.equal(got, value, name);
  }
});

test("allclose and equal as torch's", () => {
  for (const c of golden.allclose)
    assert.equal(mm.allclose(mm.tensor(c.a, { dtype: "float32" }), mm.tensor(c.b, { dtype: "float32" })), c.result, JSON.stringify(c));
  assert.equal(mm.equal(mm.tensor([1, 2]), mm.tensor([1, 2])), true);
  assert.equal(mm.equal(mm.tensor([1, 2]), mm.tensor([[1, 2]])), false);
});

test("mm.F holds torch.nn.functional's names", () => {
  const logits = mm.tensor([[1, 2, 3]], { dtype: "float32" });
  assert.equal(mm.F.crossEntropy(logits, mm.tensor([2])).item(), mm.crossEntropy(logits, mm.tensor([2])).item());
  assert.deepEqual(mm.F.oneHot(mm.tensor([1]), 3).tolist(), [[0, 1, 0]]);
});

test("linspace gives torch's values bit for bit (float32 and float64)", () => {
  for (const c of golden.linspace) {
    const t = mm.linspace(c.start, c.end, c.steps, { dtype: c.dtype });
    assert.deepEqual(Array.from(t.flat()), c.values, `linspace(${c.start}, ${c.end}, ${c.steps}, ${c.dtype})`);
  }
});
