import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";
import { main, sampleMlp } from "../examples/mlp.js";
import { fixture } from "./helpers/fixtures.js";
import { assertClose } from "./helpers/close.js";
import { TRAINING_DRIFT, assertTrainingClose } from "./helpers/training-close.js";

// PyTorch's run of the same cells at the same shortened step counts: test/fixtures/lectures/mlp.py
const golden = fixture("lectures/mlp.json");

test("part 2 (MLP): the example prints PyTorch's numbers over a shortened run", async () => {
  const lines: string[] = [];
  const r = await main({ steps: golden.steps, lrFindSteps: golden.lr_find_steps, log: (l) => lines.push(l) });
  assert.deepEqual(r.datasetShape, golden.dataset_shape);
  assert.equal(r.smallParameters, golden.small_parameters);
  assertClose([r.firstLoss, r.firstLossCrossEntropy], [golden.first_loss, golden.first_loss_cross_entropy], "first loss", 1e-6);
  assertClose(r.lrFind.lre, golden.lr_find.lre, "lre", 0, 0);
  // near lr = 1 the finder's steps are the most chaotic ones
  assertTrainingClose(r.lrFind.loss.slice(0, 90), golden.lr_find.loss.slice(0, 90), "lr finder losses up to lr 0.5");
  assertClose(r.lrFind.loss, golden.lr_find.loss, "lr finder losses", 1e-2);
  assert.deepEqual(r.splitShapes, golden.split_shapes);
  assert.equal(r.parameters, golden.parameters);
  assertTrainingClose(r.lossi, golden.lossi, "log10 loss per step");
  assertClose([r.trainLoss, r.devLoss, r.testLoss], [golden.train_loss, golden.dev_loss, golden.test_loss], "train/dev/test loss", TRAINING_DRIFT);
  // the weights themselves drift further than the losses (0.01 in absolute terms after 300 steps)
  assertClose(r.embedding.x, golden.embedding_2d.x, "C[:, 0]", 0, 3e-2);
  assertClose(r.embedding.y, golden.embedding_2d.y, "C[:, 1]", 0, 3e-2);
  assert.deepEqual(r.embedding.labels, golden.embedding_2d.labels);
  // a sample is an argmax over p/q: weights that drifted by 1e-3 pick other names, so the
  // samples are checked on PyTorch's own trained weights (next test)
  assert.equal(r.samples.length, 20);
  assert.ok(r.samples.every((w) => /^[a-z]*\.$/.test(w)));
  // and what it prints carries the same numbers
  assert.ok(lines.some((l) => l.includes(`parameters ${golden.parameters}`)));
  assert.ok(lines.some((l) => l.includes(`train ${r.trainLoss}`)));
});

test("part 2 (MLP): sampling from PyTorch's trained weights draws PyTorch's names", () => {
  const weights = ["C", "W1", "b1", "W2", "b2"].map((k) => mm.tensor(golden.weights[k].values, { dtype: "float32" }).view(golden.weights[k].shape));
  assert.deepEqual(sampleMlp(weights, golden.embedding_2d.labels), golden.samples);
});
