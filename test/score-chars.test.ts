import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import * as mm from "makemore";
import { repoRoot } from "./helpers/fixtures.js";

test("scoreChars: each character's probability, the end last; their mean -log is the word's NLL", async () => {
  for (const type of ["gru", "transformer", "bigram"]) {
    const loaded = await mm.loadModel(join(repoRoot, "test", "fixtures", "models", type));
    const s = mm.scoreChars(loaded, "emma");
    assert.deepEqual(
      s.chars.map((c) => c.char),
      ["e", "m", "m", "a", ""],
    );
    assert.ok(s.chars.every((c) => c.p > 0 && c.p < 1));
    const nll = -s.chars.reduce((a, c) => a + Math.log(c.p), 0) / s.chars.length;
    assert.ok(Math.abs(nll - mm.score(loaded, ["emma"])[0].nll) < 1e-5, `${type}: ${nll} vs ${s.nll}`);
  }
});
