import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import * as mm from "makemore";
import { fixture, repoRoot } from "./helpers/fixtures.js";
import { assertClose } from "./helpers/close.js";
import { tempDir } from "./helpers/cli.js";

const golden = fixture<{
  seed: number;
  train_steps: number;
  dims: { n_layer: number; n_head: number; n_embd: number; n_embd2: number };
  models: Record<string, { full_test_loss: number }>;
}>("models/goldens.json");
const words = mm.readWordsFile(join(repoRoot, "data", "names.txt"));
const d = golden.dims;
/** what test/fixtures/models/make_goldens.py trains each PyTorch model with before exporting it */
const torchRun = {
  nLayer: d.n_layer,
  nHead: d.n_head,
  nEmbd: d.n_embd,
  nEmbd2: d.n_embd2,
  seed: golden.seed,
  maxSteps: golden.train_steps,
  learningRate: 5e-3,
  batchSize: 32,
};

/**
 * The key third of an attention layer's c_attn bias has a true gradient of zero (a constant added
 * to every key shifts each query's logits uniformly, which softmax ignores), so its gradient is
 * float rounding noise, and AdamW's m/sqrt(v) turns that noise into lr-sized steps on either side.
 */
const isKeyBias = (key: string, i: number, nEmbd: number) => key.endsWith("attn.c_attn.bias") && i >= nEmbd && i < 2 * nEmbd;

for (const type of mm.MODEL_TYPES) {
  test(`trainModel(${type}) reaches the weights and test loss PyTorch's makemore reaches from the same seed`, async () => {
    const trained = await mm.trainModel(words, { type, ...torchRun });
    assert.equal(trained.steps, golden.train_steps);
    assertClose([trained.testLoss], [golden.models[type].full_test_loss], `${type} full test loss`, 0, 1e-5);
    const ours = trained.model.stateDict();
    const torch = (await mm.loadModel(join(repoRoot, "test", "fixtures", "models", type))).model.stateDict();
    assert.deepEqual([...ours.keys()].sort(), [...torch.keys()].sort());
    for (const [key, w] of ours) {
      const a = w.flat();
      const b = torch.get(key)!.flat();
      for (let i = 0; i < a.length; i++) {
        if (isKeyBias(key, i, d.n_embd)) continue;
        assert.ok(Math.abs(a[i] - b[i]) <= 1e-4, `${type} ${key}[${i}]: ours ${a[i]}, PyTorch ${b[i]}`);
      }
    }
  });
}

test("trainModel's result samples, scores and saves like a loaded model", async () => {
  const trained = await mm.trainModel(["anna", "bob", "cora", "dave", "emma", "finn"], { type: "mlp", maxSteps: 30, nEmbd: 8, nEmbd2: 8 });
  assert.equal(trained.config.type, "mlp");
  assert.equal(trained.config.vocab, "abcdefimnorv");
  mm.manualSeed(1);
  const before = mm.sample(trained, { num: 4 });
  const dir = tempDir();
  mm.saveModel(dir, trained);
  const loaded = await mm.loadModel(dir);
  mm.manualSeed(1);
  assert.deepEqual(mm.sample(loaded, { num: 4 }), before);
  const fromBytes = await mm.loadModel({ config: trained.config, weights: mm.encodeModel(trained.model) });
  assert.deepEqual(mm.score(fromBytes, ["anna"]), mm.score(trained, ["anna"]));
});

test("trainModel stops when onStep returns false, and refuses bad options", async () => {
  const seen: number[] = [];
  const trained = await mm.trainModel(["ab", "ba", "abba"], { type: "bigram", maxSteps: 50, onStep: ({ step }) => (seen.push(step), step < 4) });
  assert.equal(trained.steps, 5);
  assert.deepEqual(seen, [0, 1, 2, 3, 4]);
  await assert.rejects(mm.trainModel(["ab", "ba"], { type: "cnn" as mm.ModelType }), /type must be one of bigram, mlp/);
  await assert.rejects(mm.trainModel(["ab", "ba"], { maxSteps: 0 }), /maxSteps must be a positive integer, got 0/);
  await assert.rejects(mm.trainModel(["ab", "ba"], { nEmbd: 30, nHead: 4 }), /nEmbd \(30\) must be divisible by nHead \(4\)/);
  await assert.rejects(mm.trainModel(["ab", "ba"], { learningRate: NaN }), /trainModel: learningRate must be a positive number, got NaN/);
  await assert.rejects(mm.trainModel(["ab"]), /at least 2 words/);
});
