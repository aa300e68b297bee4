import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/−/g, "-"));

test("lossPlotSpec: train and test lines against step, round tick values, labelled axes", async () => {
  const records = Array.from({ length: 6 }, (_, i) => ({ step: i * 1051, train_loss: 3 - i * 0.2, test_loss: 3.1 - i * 0.19 }));
  const spec = mm.lossPlotSpec(records) as any;
  assert.deepEqual(spec.encoding.color.sort, ["train", "test"]);
  assert.equal(spec.data.values.length, 12);
  const t = texts(await mm.renderSvg(spec));
  assert.ok(t.includes("step") && t.includes("loss") && t.includes("train") && t.includes("test"));
  const xTicks = t.filter((s) => /^\d[\d,]*$/.test(s)).map((s) => Number(s.replace(/,/g, "")));
  assert.ok(xTicks.length >= 4 && xTicks.every((v) => v % 500 === 0), `x ticks ${xTicks}`);
});

test("embeddingProjection: the two dims of a 2-D table; PCA finds the axes of an elongated cloud", () => {
  const flat = mm.embeddingProjection(
    mm.tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: "float32" },
    ),
    ["a", "b"],
  );
  assert.deepEqual(flat.points, [
    { label: "a", x: 1, y: 2 },
    { label: "b", x: 3, y: 4 },
  ]);
  // points on the line (t, 2t, 0) plus a small spread along (0, 0, 1): PC 1 is (1, 2, 0)/√5
  const rows = [-2, -1, 0, 1, 2].map((t, i) => [t, 2 * t, i % 2 ? 0.1 : -0.1]);
  const p = mm.embeddingProjection(mm.tensor(rows, { dtype: "float32" }), ["a", "b", "c", "d", "e"]);
  assert.equal(p.method, "pca");
  p.points.forEach((pt, i) => assert.ok(Math.abs(Math.abs(pt.x) - Math.abs(((i - 2) * 5) / Math.sqrt(5))) < 1e-5, `PC 1 of row ${i}: ${pt.x}`));
  assert.ok(p.explained![0] > 0.99 && p.explained![0] + p.explained![1] > 0.9999);
});

test("UpdateRatioTracker: log10(std(lr·grad) / std(p)) per parameter per step", () => {
  const p = mm.tensor([1, 2, 3, 4], { dtype: "float32", requiresGrad: true });
  p.grad = mm.tensor([0.5, -0.5, 0.5, -0.5], { dtype: "float32" });
  const tracker = new mm.UpdateRatioTracker();
  tracker.record([["w", p]], 0.1);
  tracker.record([["w", p]], 0.01);
  const [s] = tracker.result();
  // std([0.5,-0.5,0.5,-0.5]) = √(1/3), std([1,2,3,4]) = √(5/3): ratio 0.1·√(1/5)
  assertNear(s.values[0], Math.log10(0.1 / Math.sqrt(5)));
  assertNear(s.values[1], Math.log10(0.01 / Math.sqrt(5)));
});

test("deadUnitMask: a unit saturated on every row is dead", () => {
  const h = mm.tensor(
    [
      [0.995, 0.1, -0.999],
      [-0.999, 0.2, 0.3],
    ],
    { dtype: "float32" },
  );
  const m = mm.deadUnitMask(h);
  assert.deepEqual(Array.from(m.mask), [1, 0, 1, 1, 0, 0]);
  assert.deepEqual(m.deadUnits, [0]);
});

function assertNear(a: number, b: number) {
  assert.ok(Math.abs(a - b) < 1e-6, `${a} != ${b}`);
}
