import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import * as mm from "makemore";
import { repoRoot } from "./helpers/fixtures.js";
import { assertClose } from "./helpers/close.js";

// Incremental decoders (KV cache, recurrent state, windows) must give the logits that makemore's
// full re-run of the context gives, at every position.
for (const type of mm.MODEL_TYPES) {
  test(`${type}: incremental decoding equals re-running the whole context`, async () => {
    const { model } = await mm.loadModel(join(repoRoot, "test", "fixtures", "models", type));
    const g = new mm.Generator().manualSeed(99);
    const rows = 3;
    const T = Math.min(model.blockSize, 9);
    const idx = mm.randint(1, model.config.vocabSize, [rows, T], { generator: g });
    idx.indexPut_([null, 0], 0);
    const full = mm.noGrad(() => model.forward(idx).logits); // (rows, T, V)
    const decoder = (model as mm.LanguageModel & mm.IncrementalModel).createDecoder(rows);
    for (let t = 0; t < T; t++) {
      const step = mm.noGrad(() => decoder.step(idx.select(1, t).contiguous().i32()));
      assertClose(step.flat(), full.select(1, t).contiguous().flat(), `${type} position ${t}`, 1e-4, 1e-5);
    }
  });
}

test("sampling with the decoder and with full recompute draw the same words", async () => {
  const loaded = await mm.loadModel(join(repoRoot, "test", "fixtures", "models", "transformer"));
  const a = mm.generateTokens(loaded.model, 15, { num: 20, generator: new mm.Generator().manualSeed(5) });
  const b = mm.generateTokens(loaded.model, 15, { num: 20, generator: new mm.Generator().manualSeed(5), recompute: true });
  assert.deepEqual(
    a.map((w) => loaded.vocab.decode(w)),
    b.map((w) => loaded.vocab.decode(w)),
  );
});
