import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import * as mm from "makemore";
import { fixture, repoRoot } from "./helpers/fixtures.js";
import { assertClose } from "./helpers/close.js";

// Work dirs we wrote, which PyTorch loaded (strict load_state_dict) and evaluated: the same
// files give the same losses here, so both sides read every weight the same way.
const golden = fixture<Record<string, { full_test_loss: number; full_train_loss: number }>>("roundtrip/goldens.json");
const words = mm.readWordsFile(join(repoRoot, "data", "names.txt"));
mm.manualSeed(3407);
const { train, test: testSet } = mm.createDatasets(words);

for (const [type, want] of Object.entries(golden)) {
  test(`${type}: our checkpoint loads in PyTorch and gives the same full losses`, async () => {
    const { model, config } = await mm.loadModel(join(repoRoot, "test", "fixtures", "roundtrip", type));
    assert.equal(config.type, type);
    assertClose([mm.fullLoss(model, testSet), mm.fullLoss(model, train)], [want.full_test_loss, want.full_train_loss], `${type} losses`, 0, 1e-5);
  });
}
