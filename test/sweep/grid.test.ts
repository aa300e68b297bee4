import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expandGrid, parseGridText, readGrid } from "../../src/sweep/grid.js";
import { KNOWN_FLAGS } from "../../src/sweep/grid-flags.js";
import { planSweep } from "../../src/sweep/plan.js";
import { runKeyOf } from "../../src/sweep/run-config.js";
import { parseJobData } from "../../src/sweep/job.js";
import { maskUrls, parseRedisUrl, redact } from "../../src/sweep/redis-url.js";
import { tempDir } from "../helpers/cli.js";

const words = ["emma", "olivia", "ava", "isabella", "sophia", "mia", "amelia", "harper", "evelyn", "abigail", "emily"];

test("a grid string expands to every combination, the first flag slowest, values parsed by their flag", () => {
  const axes = parseGridText("type=transformer,mlp  --n-embd=32,64 learning-rate=1e-3");
  assert.deepEqual(axes, [
    { flag: "type", values: ["transformer", "mlp"] },
    { flag: "n-embd", values: [32, 64] },
    { flag: "learning-rate", values: [0.001] },
  ]);
  assert.deepEqual(
    expandGrid(axes).map((r) => `${r.type}/${r["n-embd"]}`),
    ["transformer/32", "transformer/64", "mlp/32", "mlp/64"],
  );
});

test("JSON and YAML grid files read as the string does", () => {
  const dir = tempDir();
  writeFileSync(join(dir, "g.yaml"), "type: [transformer, mlp]\nn-embd: [32, 64]\nlearning-rate: 1e-3\n");
  writeFileSync(join(dir, "g.json"), JSON.stringify({ type: ["transformer", "mlp"], "n-embd": [32, "64"], "learning-rate": "1e-3" }));
  const expected = parseGridText("type=transformer,mlp n-embd=32,64 learning-rate=1e-3");
  assert.deepEqual(readGrid(join(dir, "g.yaml")), expected);
  assert.deepEqual(readGrid(join(dir, "g.json")), expected);
  writeFileSync(join(dir, "bad.yaml"), "type: [mlp\n");
  assert.throws(() => readGrid(join(dir, "bad.yaml")), /^Error: grid file .*bad\.yaml is not valid YAML/);
  assert.throws(() => readGrid(join(dir, "missing.json")), /grid file not found/);
});

test("bad grids are one-line errors naming the problem", () => {
  assert.throws(() => parseGridText("type"), /malformed grid term "type": expected FLAG=VALUE/);
  assert.throws(() => parseGridText("n-embd=32,"), /malformed grid term/);
  assert.throws(() => parseGridText("n-emb=32"), new RegExp(`unknown flag "n-emb" in the grid; known flags: ${KNOWN_FLAGS.join(", ")}`));
  assert.throws(() => parseGridText("n-embd=abc"), /n-embd in the grid must be an integer, got "abc"/);
  assert.throws(() => parseGridText("type=cnn"), /type in the grid must be one of bigram, mlp/);
  assert.throws(() => parseGridText("seed=1 seed=2"), /seed appears twice/);
});

test("every run is validated by the session's own checks before any starts", () => {
  const plan = (grid: string, budget: { "max-steps"?: number } = { "max-steps": 10 }, maxParams?: number) =>
    planSweep({ name: "t", axes: parseGridText(grid), budget, words, maxParams, root: tempDir() });
  assert.equal(plan("type=mlp,rnn n-embd=8,16").runs.length, 4);
  assert.deepEqual(
    plan("type=mlp,rnn n-embd=8").runs.map((r) => r.id),
    ["000-mlp", "001-rnn"],
  );
  assert.throws(
    () => plan("n-embd=30,32 n-head=4"),
    /^Error: run 000-30 \(n-embd=30 n-head=4 max-steps=10\): --n-embd \(30\) must be divisible by --n-head \(4\)$/,
  );
  assert.throws(() => plan("learning-rate=-1"), /--learning-rate must be a positive number/);
  assert.throws(() => plan("type=mlp", {}), /needs a budget: pass --max-steps N or --max-time SECONDS/);
  assert.throws(() => plan("max-steps=5", { "max-steps": 10 }), /--max-steps is given both to the sweep and in the grid/);
  assert.throws(
    () => plan("type=transformer n-embd=64", { "max-steps": 10 }, 1000),
    /the transformer config has [\d,]+ parameters, over the limit of 1,000 \(--max-params\)/,
  );
  assert.throws(() => planSweep({ name: "../x", axes: [], budget: {}, words }), /--name must be letters, digits/);
});

test("a run's content key depends on what its numbers depend on", () => {
  const sha = "0".repeat(64);
  assert.equal(runKeyOf(sha, { type: "mlp", maxSteps: 10 }), runKeyOf(sha, { type: "mlp", maxSteps: 10, nLayer: 4, numSamples: 3 }));
  assert.notEqual(runKeyOf(sha, { type: "mlp", maxSteps: 10 }), runKeyOf(sha, { type: "mlp", maxSteps: 11 }));
  assert.notEqual(runKeyOf(sha, { type: "mlp", maxSteps: 10 }), runKeyOf("1".repeat(64), { type: "mlp", maxSteps: 10 }));
});

test("a worker reads a job's payload field by field and names what is wrong", () => {
  const good = { v: 1, sweep: "s", run: "000-mlp", config: { type: "mlp", "max-steps": 10 }, words: { sha256: "a".repeat(64), count: 11 } };
  assert.equal(parseJobData(good).options.type, "mlp");
  const bad = (patch: object) => () => parseJobData({ ...good, ...patch });
  assert.throws(bad({ v: 2 }), /invalid job payload: unknown version 2/);
  assert.throws(bad({ run: "../../etc" }), /invalid job payload: run must be a run id/);
  assert.throws(bad({ words: { sha256: "xyz", count: 1 } }), /words.sha256 must be 64 hex digits/);
  assert.throws(bad({ config: { type: "mlp", "max-steps": 10, require: "child_process" } }), /unknown flag "require" in the job's config/);
  assert.throws(bad({ config: { type: "mlp", "max-steps": { $gt: 1 } } }), /config.max-steps must be a number, a string or true\/false/);
  assert.throws(bad({ config: { type: "mlp" } }), /needs a budget/);
  assert.throws(() => parseJobData("{}"), /not an object/);
});

test("a Redis password is never printed: URLs masked, bare passwords scrubbed", () => {
  const t = parseRedisUrl("redis://:p%40ss@10.0.0.1:6380/2");
  assert.equal(t.display, "redis://:***@10.0.0.1:6380/2");
  assert.deepEqual(t.options, { host: "10.0.0.1", port: 6380, db: 2, password: "p@ss" });
  assert.equal(parseRedisUrl("redis://h:1", { MAKEMORE_REDIS_PASSWORD: "x" }).display, "redis://:***@h:1");
  assert.equal(maskUrls("connect to redis://user:hunter2@h:1 failed"), "connect to redis://user:***@h:1 failed");
  assert.equal(redact("WRONGPASS for p@ss and p%40ss", "p@ss"), "WRONGPASS for *** and ***");
  assert.throws(
    () => parseRedisUrl("http://:secret@h:1"),
    (e: Error) => /must be a redis:\/\/ URL/.test(e.message) && !e.message.includes("secret"),
  );
  assert.throws(
    () => parseRedisUrl("redis//:secret@h"),
    (e: Error) => !e.message.includes("secret"),
  );
});

test("the recipe flags: a preset under the other flags, booleans, schedules, each checked by the session", () => {
  const plan = (grid: string) => planSweep({ name: "t", axes: parseGridText(grid), budget: { "max-steps": 10 }, words, root: tempDir() });
  const [quick, tuned] = plan("preset=quick learning-rate=3e-3,1e-3 dedupe=true lr-schedule=cosine").runs.map((r) => r.options);
  assert.equal(quick.learningRate, 3e-3, "a flag beats the preset");
  assert.equal(tuned.warmupSteps, 100, "the preset's other settings stay");
  assert.equal(quick.maxTime, 60);
  assert.equal(quick.dedupe, true);
  const dir = tempDir();
  writeFileSync(join(dir, "g.yaml"), "dedupe: [true, false]\ndropout: 0.1\nema: 0.999\ngrad-clip: 1\n");
  assert.deepEqual(
    readGrid(join(dir, "g.yaml")).map((a) => a.values),
    [[true, false], [0.1], [0.999], [1]],
  );
  assert.throws(() => parseGridText("dedupe=yes"), /dedupe in the grid must be true or false/);
  assert.throws(() => parseGridText("preset=fast"), /preset in the grid must be one of quick, best/);
  assert.throws(() => plan("learning-rate=1e-3 min-lr=1e-2"), /--min-lr must be a number from 0 to the learning rate/);
  assert.throws(() => plan("dropout=1"), /--dropout must be a probability in \[0, 1\)/);
});
