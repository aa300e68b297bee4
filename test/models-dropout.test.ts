/**
 * Dropout inside the models against PyTorch (test/fixtures/dropout/models.json, made by
 * make_model_goldens.py there): from the weights of test/fixtures/models/<type>/, a training
 * forward with the default generator seeded alike gives PyTorch's logits, loss and gradients,
 * and leaves the generator where PyTorch's is. With dropout 0, or in eval mode, nothing is drawn
 * and nothing changes.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import * as mm from "makemore";
import { fixture, repoRoot } from "./helpers/fixtures.js";
import { assertClose } from "./helpers/close.js";

interface Case {
  type: mm.ModelType;
  p: number;
  logits: number[];
  loss: number;
  grads: Record<string, number[]>;
  rand_after: number[];
}
const D = fixture<{ split_seed: number; dropout_seed: number; rows: number; cases: Case[] }>("dropout/models.json");

const words = mm.readWordsFile(join(repoRoot, "data", "names.txt"));
mm.manualSeed(D.split_seed);
const { train } = mm.createDatasets(words);
const batch = (rows: number[]) => train.batch(rows);
const firstRows = Array.from({ length: D.rows }, (_, i) => i);

/** The fixture model's weights in a model built with `dropout`. */
async function withDropout(type: mm.ModelType, dropout: number): Promise<mm.LanguageModel> {
  const { model: loaded } = await mm.loadModel(join(repoRoot, "test", "fixtures", "models", type));
  const model = mm.withoutInit(() => mm.createModel(type, { ...loaded.config, dropout }));
  model.loadStateDict(loaded.stateDict());
  return model.train();
}

for (const c of D.cases) {
  test(`${c.type} with dropout ${c.p}: a training forward and backward give PyTorch's logits, loss, gradients and stream position`, async () => {
    const model = await withDropout(c.type, c.p);
    const { x, y } = batch(firstRows);
    mm.manualSeed(D.dropout_seed);
    const { logits, loss } = model.forward(x, y);
    assertClose(logits.flat(), c.logits, `${c.type} logits`);
    assertClose([loss!.item()], [c.loss], `${c.type} loss`);
    loss!.backward();
    assert.deepEqual(
      mm.rand(3).tolist(),
      c.rand_after.map(Math.fround),
      "the masks took as many draws as PyTorch's (float32 values, stored in their shortest decimals)",
    );
    const params = new Map(model.namedParameters());
    assert.equal(params.size, Object.keys(c.grads).length);
    for (const [torchName, g] of Object.entries(c.grads)) {
      const p = params.get(mm.canonicalKey(c.type, torchName))!;
      assertClose(p.grad!.flat(), g, `${c.type} grad ${torchName}`, 1e-5, 1e-6);
    }
  });
}

for (const type of ["transformer", "bow", "mlp", "wavenet"] as const) {
  test(`${type}: dropout 0 in training, and dropout > 0 in eval mode, draw nothing and change nothing; the state dict is the same`, async () => {
    const plain = await withDropout(type, 0);
    const dropped = await withDropout(type, 0.5);
    assert.deepEqual([...dropped.stateDict().keys()], [...plain.stateDict().keys()]);
    const { x, y } = batch(firstRows);
    const g = mm.manualSeed(5).getState();
    plain.eval();
    dropped.eval();
    assert.deepEqual(dropped.forward(x, y).logits.flat(), plain.forward(x, y).logits.flat(), "eval mode ignores dropout");
    assert.deepEqual(mm.defaultGenerator.getState(), g, "eval mode draws nothing");
    // training mode last: WaveNet's BatchNorm updates its running statistics there
    const reference = plain.train().forward(x, y).logits.flat();
    assert.deepEqual(mm.defaultGenerator.getState(), g, "dropout 0 draws nothing");
    assert.notDeepEqual(dropped.train().forward(x, y).logits.flat(), reference, "training mode does drop");
  });

  test(`${type}: data-parallel shards with withDropoutShard draw exactly the whole batch's masks`, async () => {
    const model = await withDropout(type, 0.3);
    const { x, y } = batch(firstRows);
    const whole = new mm.Generator(77);
    mm.setDropoutGenerator(model, whole);
    const full = model.forward(x, y).logits; // (B, T, V)
    assert.notDeepEqual(whole.getState(), new mm.Generator(77).getState(), "the masks came from the model's dropout generator");
    for (const [start, end] of [
      [0, 3],
      [3, 8],
    ]) {
      const gen = new mm.Generator(77);
      mm.setDropoutGenerator(model, gen);
      const part = mm.withDropoutShard(
        { start, end, total: D.rows },
        () => model.forward(x.narrow(0, start, end - start).contiguous(), y.narrow(0, start, end - start).contiguous()).logits,
      );
      // WaveNet's BatchNorm normalises over each shard's rows unless a collective joins them, so only its stream is compared
      if (type !== "wavenet")
        assertClose(
          part.flat(),
          full
            .narrow(0, start, end - start)
            .contiguous()
            .flat(),
          `${type} rows ${start}..${end}`,
          1e-6,
          1e-6,
        );
      assert.deepEqual(gen.getState(), whole.getState(), "every worker's generator ends where the single worker's does");
    }
  });
}

test("model configs reject a dropout outside [0, 1), naming the option", () => {
  const config = { vocabSize: 27, blockSize: 16, nLayer: 1, nHead: 2, nEmbd: 8, nEmbd2: 8 };
  for (const type of ["transformer", "bow", "mlp", "wavenet"] as const) {
    assert.throws(() => mm.createModel(type, { ...config, dropout: 1.5 }), /^RangeError: dropout must be in \[0, 1\), got 1.5$/);
    assert.throws(() => mm.createModel(type, { ...config, dropout: 1 }), /dropout must be in \[0, 1\), got 1/);
    assert.throws(() => mm.createModel(type, { ...config, dropout: -0.1 }), /got -0.1/);
  }
});
