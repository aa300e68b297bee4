import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import * as mm from "makemore";
import { repoRoot } from "./helpers/fixtures.js";
import { runCli } from "./helpers/cli.js";

const fixture = (type: string) => mm.loadModel(join(repoRoot, "test", "fixtures", "models", type));
/** One line, matching `why`, and never a TypeError or RangeError from inside the engine. */
const cleanly = (why: RegExp) => (e: unknown) => {
  assert.ok(e instanceof Error && e.constructor === Error, String(e));
  assert.doesNotMatch(e.message, /\n/);
  assert.match(e.message, why);
  return true;
};

test("sample() options are checked: a wrong type or an unknown option is an error, not ignored", async () => {
  const m = await fixture("mlp");
  assert.throws(() => mm.sample(m, { prefix: 123 as unknown as string }), cleanly(/^sample: prefix must be a string, got 123$/));
  assert.throws(() => mm.sample(m, { num: 0 }), cleanly(/^sample: num must be an integer from 1 to 100000, got 0$/));
  assert.throws(() => mm.sample(m, { num: 2.5 }), cleanly(/num must be an integer from 1 to 100000, got 2\.5/));
  assert.throws(() => mm.sample(m, { topK: 0 }), cleanly(/topK must be a positive integer or null, got 0/));
  assert.throws(() => mm.sample(m, { generator: {} as mm.Generator }), cleanly(/generator must be a Generator/));
  assert.throws(() => mm.sample(m, { temprature: 2 } as mm.SampleOptions), cleanly(/^sample: unknown option "temprature"$/));
  assert.equal(mm.sample(m, { num: 3, topK: null, prefix: "ka", generator: new mm.Generator().manualSeed(1) }).length, 3);
});

test("temperature is a normal number from 1e-6 to 100: 5e-324 would overflow the logits to infinity", async () => {
  const m = await fixture("mlp");
  for (const t of [5e-324, 1e-7, 0, -1, NaN, Infinity, 101])
    assert.throws(() => mm.sample(m, { temperature: t }), cleanly(/^sample: temperature must be a number from 1e-6 to 100, got /), String(t));
  assert.equal(mm.sample(m, { num: 2, temperature: 1e-6 }).length, 2);
  const r = runCli(["-o", join(repoRoot, "test", "fixtures", "models", "mlp"), "--sample-only", "--temperature", "5e-324"]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /^makemore: .*--temperature must be at least 0\.000001, got 5e-324/);
});

test("a prefix longer than the words a model makes is one error for every type", async () => {
  for (const type of mm.MODEL_TYPES) {
    const m = await fixture(type);
    const max = m.config.block_size - 1;
    const prefix = "a".repeat(max + 1);
    assert.throws(
      () => mm.sample(m, { prefix, num: 1 }),
      cleanly(new RegExp(`^sample: prefix "a{${max + 1}}" has ${max + 1} characters; this ${type} model makes words of at most ${max}$`)),
      type,
    );
    assert.deepEqual(mm.sample(m, { prefix: "a".repeat(max), num: 1 }), ["a".repeat(max)], `${type}: a prefix of the full length is the word`);
  }
});

test("score() takes a list of non-empty strings", async () => {
  const m = await fixture("mlp");
  assert.throws(() => mm.score(m, [5 as unknown as string]), cleanly(/^score: word 1 must be a non-empty string, got 5$/));
  assert.throws(() => mm.score(m, ["emma", ""]), cleanly(/^score: word 2 must be a non-empty string, got ""$/));
  assert.throws(() => mm.score(m, "emma" as unknown as string[]), cleanly(/^score: words must be a list of strings/));
  assert.equal(mm.score(m, ["emma"]).length, 1);
});

test("a model whose weights went non-finite is refused when scored, not reported as NaN", async () => {
  const m = await fixture("mlp");
  const w = m.model.parameters()[0];
  mm.noGrad(() => w.fill_(NaN));
  assert.throws(() => mm.score(m, ["emma"]), cleanly(/^score: the model's loss on "emma" is NaN: its weights are not finite/));
});
