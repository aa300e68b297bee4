import { test } from "node:test";
import assert from "node:assert/strict";
import { main } from "../examples/backprop.js";
import { fixture } from "./helpers/fixtures.js";
import { assertClose } from "./helpers/close.js";
import { TRAINING_DRIFT, assertTrainingClose } from "./helpers/training-close.js";

// PyTorch's run of the same cells: test/fixtures/lectures/backprop.py
const golden = fixture("lectures/backprop.json");

test("part 4 (backprop ninja): every hand-derived gradient is autograd's, and both are PyTorch's", async () => {
  const lines: string[] = [];
  const r = await main({ steps: golden.steps, splits: ["val"], log: (l) => lines.push(l) });
  assert.equal(r.parameters, golden.parameters);
  assert.deepEqual(r.batch, golden.batch, "the minibatch drawn from g");
  assertClose([r.loss, r.lossFast], [golden.loss, golden.loss_fast], "loss and F.cross_entropy", 1e-6);
  // the cmp table: 26 rows in the notebook's order, each exact or approximate, max diff < 1e-6 (float32)
  assert.deepEqual(
    r.table.map((row) => row.name),
    Object.keys(golden.grads),
  );
  for (const row of [...r.table, r.crossEntropyCmp, r.batchNormCmp]) {
    assert.ok(row.exact || row.approximate, `${row.name}: neither exact nor approximate`);
    assert.ok(row.maxdiff < 1e-6, `${row.name}: max diff ${row.maxdiff}`);
  }
  assert.ok(
    lines.some((l) => /^logprobs +\| exact: true +\| approximate: true +\| maxdiff: 0$/.test(l)),
    "the printed table",
  );
  // autograd's gradients of every intermediate against PyTorch's
  for (const [name, e] of Object.entries<any>(golden.grads)) {
    const g = r.grads[name];
    assert.deepEqual(g.shape, e.shape, `${name}.grad shape`);
    assertClose(Array.from(g.flat()).slice(0, 6), e.first, `${name}.grad`, 1e-4, 1e-7);
    assertClose([g.abs().sum().item()], [e.abs_sum], `${name}.grad abs sum`, 1e-4);
  }
  assertClose([r.hpreactFastMaxDiff], [golden.hpreact_fast_max_diff], "hpreact_fast max diff", 0, 1e-6);
  assert.equal(r.trainParameters, golden.train_parameters);
  assertTrainingClose(r.lossi, golden.lossi, "manual-backward training: log10 loss per step");
  assertClose([r.splitLoss.val!], [golden.split_loss.val], "val loss", TRAINING_DRIFT);
});
