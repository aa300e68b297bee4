import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import * as mm from "makemore";
import { fixture, repoRoot } from "./helpers/fixtures.js";
import { assertClose } from "./helpers/close.js";

interface ModelGolden {
  full_test_loss: number;
  full_train_loss: number;
  step0: { logits_shape: number[]; logits: number[]; loss: number; grads: Record<string, number[]> };
  adamw10_losses: number[];
}
const golden = fixture<{
  seed: number;
  batch_rows: number;
  adamw: { lr: number; betas: [number, number]; eps: number; weight_decay: number };
  models: Record<string, ModelGolden>;
}>("models/goldens.json");

const words = mm.readWordsFile(join(repoRoot, "data", "names.txt"));
mm.manualSeed(golden.seed);
const { train, test: testSet } = mm.createDatasets(words);

for (const [type, want] of Object.entries(golden.models)) {
  const dir = join(repoRoot, "test", "fixtures", "models", type);

  test(`${type}: a PyTorch-trained work dir loads and gives PyTorch's full test loss`, async () => {
    const { model } = await mm.loadModel(dir);
    assert.equal(model.type, type);
    assertClose([mm.fullLoss(model, testSet)], [want.full_test_loss], `${type} full test loss`, 0, 1e-5);
    assertClose([mm.fullLoss(model, train)], [want.full_train_loss], `${type} full train loss`, 0, 1e-5);
  });

  test(`${type}: step-0 logits, loss and every parameter gradient match PyTorch`, async () => {
    const { model } = await mm.loadModel(dir);
    model.train();
    const rows = Array.from({ length: golden.batch_rows }, (_, i) => i);
    const { x, y } = train.batch(rows);
    const { logits, loss } = model.forward(x, y);
    assert.deepEqual(logits.shape, want.step0.logits_shape);
    assertClose(logits.flat(), want.step0.logits, `${type} logits`);
    assertClose([loss!.item()], [want.step0.loss], `${type} loss`);
    loss!.backward();
    const params = new Map(model.namedParameters());
    assert.equal(params.size, Object.keys(want.step0.grads).length, `${type}: number of parameters`);
    for (const [torchName, g] of Object.entries(want.step0.grads)) {
      const p = params.get(mm.canonicalKey(type as mm.ModelType, torchName));
      assert.ok(p, `${type}: no parameter for ${torchName}`);
      assert.ok(p.grad, `${type}: ${torchName} got no gradient`);
      assertClose(p.grad.flat(), g, `${type} grad ${torchName}`, 1e-5, 1e-6);
    }
  });

  test(`${type}: 10 AdamW steps from PyTorch's weights follow PyTorch's losses`, async () => {
    const { model } = await mm.loadModel(dir);
    model.train();
    const a = golden.adamw;
    const opt = new mm.AdamW(model.parameters(), { lr: a.lr, betas: a.betas, eps: a.eps, weightDecay: a.weight_decay });
    const losses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const rows = Array.from({ length: golden.batch_rows }, (_, k) => golden.batch_rows * i + k);
      const { x, y } = train.batch(rows);
      const { loss } = model.forward(x, y);
      opt.zeroGrad();
      loss!.backward();
      opt.step();
      losses.push(loss!.item());
    }
    assertClose(losses, want.adamw10_losses, `${type} AdamW losses`, 0, 1e-4);
  });
}
