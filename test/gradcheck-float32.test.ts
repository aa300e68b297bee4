import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";
import { FLOAT32_TOLERANCE, float32Cases } from "./helpers/gradcheck-float32-cases.js";

// float32-only kernels: gradcheck in float32 with looser tolerances (see the cases' file)
for (const [name, make] of Object.entries(float32Cases)) {
  test(`gradcheck (float32): ${name}`, () => {
    const [fn, inputs] = make();
    assert.equal(mm.gradcheck(fn, inputs, FLOAT32_TOLERANCE), true);
  });
}
