import { test } from "node:test";
import assert from "node:assert/strict";
import { main } from "../examples/activations.js";
import { fixture } from "./helpers/fixtures.js";
import { assertClose } from "./helpers/close.js";
import { TRAINING_DRIFT, assertTrainingClose } from "./helpers/training-close.js";

// PyTorch's run of the same cells at the same shortened step counts: test/fixtures/lectures/activations.py
const golden = fixture("lectures/activations.json");

test("part 3 (activations): the example prints PyTorch's numbers over a shortened run", async () => {
  // the val split only: the train split goes through the same code, at 8 times the cost
  const r = await main({ steps: golden.steps, diagSteps: golden.diag_steps, splits: ["val"], log: () => {} });
  assertClose([r.uniformLoss], [golden.uniform_loss], "-log(1/27)", 0, 0);
  const stageKeys = { naive: "naive", softmaxFixed: "softmax_fixed", tanhFixed: "tanh_fixed", kaiming: "kaiming" } as const;
  for (const [ours, theirs] of Object.entries(stageKeys)) {
    const a = r.stages[ours as keyof typeof stageKeys];
    const e = golden.stages[theirs];
    assert.equal(a.parameters, e.parameters);
    assertClose([a.loss], [e.loss], `${ours}: first loss`, 1e-5);
    assertClose(
      [a.hpreact.mean, a.hpreact.std, a.h.mean, a.h.std, a.h.saturated!],
      [e.hpreact.mean, e.hpreact.std, e.h.mean, e.h.std, e.h.saturated],
      `${ours}: hpreact and h statistics`,
      1e-5,
      1e-6,
    );
    assert.deepEqual(Array.from(a.dead.mask), e.dead_mask_rows.flat(), `${ours}: h.abs() > 0.99`);
  }
  assert.equal(r.bnParameters, golden.bn_parameters);
  assertTrainingClose(r.bnLossi, golden.bn_lossi, "BatchNorm MLP: log10 loss per step");
  assertClose([r.bnSplitLoss.val!], [golden.bn_split_loss.val], "BatchNorm MLP: val loss", TRAINING_DRIFT);
  assert.equal(r.deepParameters, golden.deep_parameters);
  assertTrainingClose(r.deepLossi, golden.deep_lossi, "deep net: log10 loss per step");
  assertClose([r.deepSplitLoss.val!], [golden.deep_split_loss.val], "deep net: val loss", TRAINING_DRIFT);
  // the diagnostics after the last step
  assert.deepEqual(
    r.activationStats.map((s) => s.layer),
    golden.activation_stats.map((s: any) => s.layer),
  );
  for (const [i, e] of golden.activation_stats.entries()) {
    const a = r.activationStats[i];
    assertClose([a.mean, a.std, a.saturated!], [e.mean, e.std, e.saturated], `layer ${e.layer} activations`, 1e-2, 2e-3);
    const ga = r.gradientStats[i];
    const ge = golden.gradient_stats[i];
    assertClose([ga.std], [ge.std], `layer ${e.layer} gradient std`, 2e-2);
  }
  assert.deepEqual(
    r.weightStats.map((w) => w.shape),
    golden.weight_stats.map((w: any) => w.shape),
  );
  for (const [i, e] of golden.weight_stats.entries())
    assertClose([r.weightStats[i].std, r.weightStats[i].gradDataRatio], [e.std, e.ratio], `weight ${i} gradient`, 2e-2);
  // the update:data ratios of every parameter at every step
  assert.equal(r.ud.length, golden.ud[0].length);
  r.ud.forEach((s, p) =>
    assertClose(
      s.values,
      golden.ud.map((row: number[]) => row[p]),
      `log10 update:data ratio of parameter ${p}`,
      0,
      2e-2,
    ),
  );
  assert.equal(r.samples.length, 20);
});
