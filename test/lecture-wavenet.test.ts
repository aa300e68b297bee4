import { test } from "node:test";
import assert from "node:assert/strict";
import { main } from "../examples/wavenet.js";
import { fixture } from "./helpers/fixtures.js";
import { assertClose } from "./helpers/close.js";
import { TRAINING_DRIFT, assertTrainingClose } from "./helpers/training-close.js";

// PyTorch's run of the same cells at the same shortened step count: test/fixtures/lectures/wavenet.py
const golden = fixture("lectures/wavenet.json");

test("part 5 (WaveNet): the example prints PyTorch's numbers over a shortened run", async () => {
  const r = await main({ steps: golden.steps, splits: ["val"], log: () => {} });
  assert.deepEqual(r.firstExamples, golden.first_examples);
  assert.equal(r.parameters, golden.parameters);
  assertTrainingClose(r.lossi, golden.lossi, "log10 loss per step");
  assert.deepEqual(r.shapes, golden.shapes, "every layer's output shape, BatchNorm1d on (N, L, C) included");
  assertClose(r.smoothed, golden.smoothed, "smoothed loss", TRAINING_DRIFT);
  assertClose([r.splitLoss.val!], [golden.split_loss.val], "val loss", TRAINING_DRIFT);
  assert.equal(r.samples.length, 20);
});
