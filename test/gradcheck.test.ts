import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as mm from "makemore";
import type { Tensor } from "makemore";
import { repoRoot } from "./helpers/fixtures.js";
import { float32Cases } from "./helpers/gradcheck-float32-cases.js";

/**
 * gradcheck (torch.autograd.gradcheck: float64 central differences, eps 1e-6, atol 1e-5,
 * rtol 1e-3) on every op that records a backward. Ops whose kernels are float32-only are in
 * helpers/gradcheck-float32-cases.ts; the last test checks that no recorded op is missing.
 */
const g = new mm.Generator().manualSeed(42);
const f64 = (shape: number[], opts: { positive?: boolean; scale?: number } = {}): Tensor => {
  let t = mm.randn(shape, { generator: g, dtype: "float64" }).mul(opts.scale ?? 1);
  if (opts.positive) t = t.abs().add(0.5);
  return t.requiresGrad_();
};
/** values at least 0.1 away from 0 (kinks of relu and abs) */
const awayFromZero = (shape: number[]): Tensor => {
  const t = mm.randn(shape, { generator: g, dtype: "float64" });
  return t.add(t.gt(0).double().mul(0.2).sub(0.1)).requiresGrad_();
};

const float64Cases: Record<string, () => [(...xs: Tensor[]) => Tensor | Tensor[], Tensor[]]> = {
  AddBackward0: () => [(a, b) => a.add(b), [f64([3, 4]), f64([4])]],
  SubBackward0: () => [(a, b) => a.sub(b), [f64([3, 1]), f64([3, 4])]],
  MulBackward0: () => [(a, b) => a.mul(b), [f64([2, 3]), f64([2, 1])]],
  DivBackward0: () => [(a, b) => a.div(b), [f64([2, 3]), f64([3], { positive: true })]],
  PowBackward0: () => [(a, b) => a.pow(b), [f64([2, 3], { positive: true }), f64([2, 3])]],
  MaximumBackward0: () => [(a, b) => a.maximum(b), [f64([7]), f64([7])]],
  MinimumBackward0: () => [(a, b) => a.minimum(b), [f64([7]), f64([7])]],
  NegBackward0: () => [(a) => a.neg(), [f64([5])]],
  ExpBackward0: () => [(a) => a.exp(), [f64([5])]],
  LogBackward0: () => [(a) => a.log(), [f64([5], { positive: true })]],
  Log10Backward0: () => [(a) => a.log10(), [f64([5], { positive: true })]],
  TanhBackward0: () => [(a) => a.tanh(), [f64([6])]],
  SigmoidBackward0: () => [(a) => a.sigmoid(), [f64([6])]],
  ReluBackward0: () => [(a) => a.relu(), [awayFromZero([8])]],
  SqrtBackward0: () => [(a) => a.sqrt(), [f64([5], { positive: true })]],
  AbsBackward0: () => [(a) => a.abs(), [awayFromZero([8])]],
  ClampBackward1: () => [(a) => a.clamp({ min: -0.5, max: 0.5 }), [awayFromZero([9])]],
  SumBackward1: () => [(a) => [a.sum(), a.sum(1), a.sum([0, 2], { keepdim: true })], [f64([2, 3, 2])]],
  AmaxBackward0: () => [(a) => [a.amax(1), a.max(0).values], [f64([3, 4])]],
  AminBackward0: () => [(a) => [mm.amin(a, 0), a.min(1).values], [f64([3, 4])]],
  WhereBackward0: () => [(a, b) => mm.where(a.gt(0), a, b), [awayFromZero([6]), f64([6])]],
  MaskedFillBackward0: () => [(a) => a.maskedFill(mm.tensor([true, false, true, false]), 2), [f64([3, 4])]],
  CatBackward0: () => [(a, b) => mm.cat([a, b], 1), [f64([2, 3]), f64([2, 2])]],
  CloneBackward0: () => [(a) => a.T.clone(), [f64([2, 3])]],
  ViewBackward0: () => [(a) => a.view([3, 2]).mul(a.view([3, 2])), [f64([2, 3])]],
  PermuteBackward0: () => [(a) => a.permute([2, 0, 1]).contiguous(), [f64([2, 3, 2])]],
  ExpandBackward0: () => [(a) => a.expand([3, 4]).mul(mm.arange(12).double().view([3, 4])), [f64([3, 1])]],
  SqueezeBackward0: () => [(a) => a.squeeze(1), [f64([3, 1, 2])]],
  UnsqueezeBackward0: () => [(a) => a.unsqueeze(0), [f64([3, 2])]],
  SliceBackward0: () => [(a) => a.index([mm.slice(1, 4, 2), null]), [f64([5, 2])]],
  SelectBackward0: () => [(a) => a.select(1, 2), [f64([2, 4])]],
  UnfoldBackward0: () => [(a) => a.unfold(0, 3, 1), [f64([5])]],
  IndexSelectBackward0: () => [(a) => [a.indexSelect(0, mm.tensor([2, 0, 2])), a.index([mm.tensor([0, 1, 1]), mm.tensor([2, 0, 2])])], [f64([3, 3])]],
  GatherBackward0: () => [
    (a) =>
      a.gather(
        1,
        mm.tensor([
          [0, 0],
          [2, 1],
        ]),
      ),
    [f64([2, 3])],
  ],
};

for (const [name, make] of Object.entries(float64Cases)) {
  test(`gradcheck (float64): ${name}`, () => {
    const [fn, inputs] = make();
    assert.equal(mm.gradcheck(fn, inputs), true);
  });
}

test("gradcheck fails on a wrong backward, naming the entry", () => {
  const x = f64([3]);
  // x·detach(x) has gradient x, not 2x
  assert.throws(() => mm.gradcheck((a) => a.mul(a.detach()), [x]), /Jacobian mismatch for output element 0 with respect to input 0, element 0/);
  assert.equal(
    mm.gradcheck((a) => a.mul(a.detach()), [x], { raiseException: false }),
    false,
  );
});

test("every op that records a backward has a gradcheck case", () => {
  const recorded = new Set<string>();
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith(".ts")) {
        const src = readFileSync(p, "utf8");
        if (!/\brecord\(|\bviewOf\(/.test(src)) continue;
        for (const m of src.matchAll(/"([A-Z][A-Za-z0-9]*Backward[0-9]*)"/g)) recorded.add(m[1]);
      }
    }
  };
  walk(join(repoRoot, "src"));
  const covered = new Set([...Object.keys(float64Cases), ...Object.keys(float32Cases)]);
  const missing = [...recorded].filter((n) => !covered.has(n)).sort();
  assert.ok(recorded.size > 40, `found ${recorded.size} recorded ops`);
  assert.deepEqual(missing, [], `ops without a gradcheck case: ${missing.join(", ")}`);
});
