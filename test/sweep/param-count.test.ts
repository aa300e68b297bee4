import { test } from "node:test";
import assert from "node:assert/strict";
import { createModel, MODEL_TYPES } from "../../src/models/index.js";
import { parameterCount } from "../../src/sweep/param-count.js";

const SHAPES = [
  { nLayer: 1, nHead: 1, nEmbd: 4, nEmbd2: 6, vocabSize: 5, blockSize: 3 },
  { nLayer: 3, nHead: 2, nEmbd: 8, nEmbd2: 5, vocabSize: 27, blockSize: 16 },
];

test("the parameter count from a config equals the built model's, for every type", () => {
  for (const type of MODEL_TYPES)
    for (const s of SHAPES) {
      const built = createModel(type, s).numParameters();
      assert.equal(parameterCount({ type, ...s }), built, `${type} ${JSON.stringify(s)}`);
    }
});
