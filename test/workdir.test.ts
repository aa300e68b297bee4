import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import * as mm from "makemore";
import { CLI, runCli, tempDir } from "./helpers/cli.js";
import { repoRoot } from "./helpers/fixtures.js";

// A small word list and model: each CLI run below takes a second or two.
const dir = tempDir();
const INPUT = join(dir, "names.txt");
writeFileSync(
  INPUT,
  readFileSync(join(repoRoot, "data", "names.txt"), "utf8")
    .split("\n")
    .slice(0, 800)
    .join("\n"),
);
const MODEL = ["--type", "mlp", "--n-embd", "8", "--n-embd2", "16", "-b", "8", "--num-samples", "1", "--eval-every", "20", "--seed", "9"];
const run = (...args: string[]) => runCli(["-i", INPUT, ...MODEL, ...args]);
const evals = (d: string) =>
  readFileSync(join(d, "metrics.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l))
    .map((r) => [r.step, r.train_loss, r.test_loss, r.best, !!r.final]);

test("a CLI run and trainModel with the same seed and settings take the same steps (the same weights, bit for bit)", async () => {
  const out = tempDir();
  const r = run("-o", out, "--max-steps", "50", "--workers", "1");
  assert.equal(r.status, 0, r.stderr);
  const trained = await mm.trainModel(mm.readWordsFile(INPUT), { type: "mlp", nEmbd: 8, nEmbd2: 16, batchSize: 8, seed: 9, maxSteps: 50, workers: 1 });
  const state = mm.decodeTrainState(readFileSync(join(out, "train_state.safetensors")), "state");
  assert.equal(state.meta.step, 50);
  for (const [k, t] of trained.model.stateDict()) assert.deepEqual(state.model.get(k)!.flat(), t.flat(), k);
  const printed = [...r.stdout.matchAll(/^step (\d+) \| loss ([\d.]+)/gm)].map((m) => [Number(m[1]), m[2]]);
  const losses: number[] = [];
  await mm.trainModel(mm.readWordsFile(INPUT), {
    type: "mlp",
    nEmbd: 8,
    nEmbd2: 16,
    batchSize: 8,
    seed: 9,
    maxSteps: 50,
    workers: 1,
    onStep: ({ loss }) => void losses.push(loss),
  });
  assert.deepEqual(
    printed,
    printed.map(([s]) => [s, losses[s as number].toFixed(4)]),
    "the printed losses are trainModel's",
  );
});

test("a fresh run refuses a work dir holding a run; --force moves the old run to archive/", () => {
  const out = tempDir();
  assert.equal(run("-o", out, "--max-steps", "21").status, 0);
  const before = readFileSync(join(out, "model.safetensors"));
  const again = run("-o", out, "--max-steps", "21");
  assert.equal(again.status, 1);
  assert.match(again.stderr, /^makemore: .* holds a run already: continue it with --resume, or start a new one with --force/);
  assert.deepEqual(readFileSync(join(out, "model.safetensors")), before, "nothing was touched");
  const forced = run("-o", out, "--max-steps", "25", "--force");
  assert.equal(forced.status, 0, forced.stderr);
  assert.match(forced.stdout, /moved the previous run to .*archive/);
  const [archived] = readdirSync(join(out, "archive"));
  assert.deepEqual(readFileSync(join(out, "archive", archived, "model.safetensors")), before, "the old run is kept whole");
  assert.deepEqual(
    evals(join(out, "archive", archived)).map((e) => e[0]),
    [20],
  );
  assert.deepEqual(
    evals(out).map((e) => e[0]),
    [20, 24],
  );
});

test("a failing fresh run leaves nothing behind: a one-word file creates no work dir", () => {
  const one = join(dir, "one.txt");
  writeFileSync(one, "emma\n");
  const out = join(dir, "never-created");
  const r = runCli(["-i", one, "-o", out, "--max-steps", "5"]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /at least 2 words/);
  assert.equal(existsSync(out), false);
});

test("the lock: a live holder is named and refused; a dead one's lock is taken over; stale temporaries are removed", () => {
  const out = tempDir();
  writeFileSync(join(out, "makemore.lock"), JSON.stringify({ pid: process.pid, host: hostname(), since: "2026-01-01T00:00:00Z" }));
  const held = run("-o", out, "--max-steps", "5");
  assert.equal(held.status, 1);
  assert.match(held.stderr, new RegExp(`in use by process ${process.pid} on ${hostname()}`));
  const dead = spawn(process.execPath, ["-e", ""]);
  const deadPid = dead.pid!;
  return new Promise<void>((resolve) =>
    dead.on("exit", () => {
      writeFileSync(join(out, "makemore.lock"), JSON.stringify({ pid: deadPid, host: hostname(), since: "2026-01-01T00:00:00Z" }));
      writeFileSync(join(out, `.model.safetensors.${deadPid}.tmp`), "half a file");
      const r = run("-o", out, "--max-steps", "5");
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`taking over the stale lock of process ${deadPid}`));
      assert.equal(existsSync(join(out, `.model.safetensors.${deadPid}.tmp`)), false);
      assert.equal(existsSync(join(out, "makemore.lock")), false, "released at the end");
      resolve();
    }),
  );
});

test("--resume refuses other words and explicit conflicting flags, takes a new learning rate with --force, never a new model", () => {
  const out = tempDir();
  assert.equal(run("-o", out, "--max-steps", "21").status, 0);
  const other = join(dir, "other.txt");
  writeFileSync(other, readFileSync(INPUT, "utf8").split("\n").slice(0, 700).join("\n"));
  const r1 = runCli(["-i", other, "-o", out, "--resume", "--max-steps", "30"]);
  assert.match(r1.stderr, /cannot resume: these are not the words the run was trained on \(700 words/);
  const r2 = run("-o", out, "--resume", "--max-steps", "30", "-l", "1e-3");
  assert.match(r2.stderr, /cannot resume: --learning-rate 0\.001 differs from the run's 0\.0005 \(pass --force/);
  const r3 = run("-o", out, "--resume", "--max-steps", "30", "--type", "gru");
  assert.match(r3.stderr, /cannot resume: --type gru differs from the run's mlp, and it fixes the model/);
  const r4 = run("-o", out, "--resume", "--max-steps", "30", "-l", "1e-3", "--force");
  assert.equal(r4.status, 0, r4.stderr);
  assert.equal(mm.decodeTrainState(readFileSync(join(out, "train_state.safetensors")), "s").meta.run.learningRate, 1e-3);
});

test("a run stopped by --max-steps and resumed evaluates and chooses its best model as an uninterrupted run", () => {
  const whole = tempDir();
  assert.equal(run("-o", whole, "--max-steps", "70").status, 0);
  const parts = tempDir();
  assert.equal(run("-o", parts, "--max-steps", "35").status, 0);
  assert.deepEqual(
    evals(parts).map((e) => [e[0], e[4]]),
    [
      [20, false],
      [34, true],
    ],
  );
  const resumed = run("-o", parts, "--max-steps", "70", "--resume");
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.deepEqual(evals(parts), evals(whole));
  assert.deepEqual(readFileSync(join(parts, "model.safetensors")), readFileSync(join(whole, "model.safetensors")));
});

/** Starts a default-sized run in the background and sends `signal` once `evalsBefore` evaluations are on disk. */
async function interrupt(out: string, signal: NodeJS.Signals, extra: string[]): Promise<{ code: number | null; stdout: string; stepsAfterSignal: number }> {
  const child = spawn(process.execPath, [CLI, "-i", INPUT, ...MODEL, "-o", out, "--max-steps", "100000", ...extra], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  child.stdout.on("data", (d) => (stdout += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  while (!existsSync(join(out, "metrics.jsonl")) || readFileSync(join(out, "metrics.jsonl"), "utf8").split("\n").length < 3)
    await new Promise((r) => setTimeout(r, 20));
  child.kill(signal);
  const code = await exited;
  // the run's own account: the step it had reached when the handler ran, and the last it took
  const atSignal = Number(/(?:interrupted|terminated) at step (\d+)/.exec(stdout)?.[1]);
  const last = Number(/(?:interrupted|terminated) after step (\d+)/.exec(stdout)?.[1]);
  return { code, stdout, stepsAfterSignal: last - atSignal + 1 };
}

for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  test(
    `${signal} with 2 workers: finishes the step, saves, says how to resume, exits ${code}; --resume continues bit for bit`,
    { timeout: 120_000 },
    async () => {
      const out = tempDir();
      const r = await interrupt(out, signal, ["--workers", "2"]);
      assert.equal(r.code, code, r.stdout);
      assert.match(r.stdout, /continue with: makemore -i .* --resume/);
      // the handler runs between steps (the session yields at least every 2 ms) and no step starts after it
      assert.ok(r.stepsAfterSignal <= 1, `ran ${r.stepsAfterSignal} steps after the handler ran:\n${r.stdout}`);
      const state = mm.decodeTrainState(readFileSync(join(out, "train_state.safetensors")), "s");
      const stopped = state.meta.step;
      const resumed = run("-o", out, "--resume", "--max-steps", String(stopped + 30), "--workers", "2");
      assert.equal(resumed.status, 0, resumed.stderr);
      const whole = tempDir();
      assert.equal(run("-o", whole, "--max-steps", String(stopped + 30), "--workers", "2").status, 0);
      assert.deepEqual(evals(out), evals(whole));
      assert.deepEqual(readFileSync(join(out, "model.safetensors")), readFileSync(join(whole, "model.safetensors")));
    },
  );
}

test("--dedupe drops repeated lines before the split and says how many; --resume keeps it", () => {
  const repeated = join(dir, "repeated.txt");
  const names = readFileSync(INPUT, "utf8").split("\n").filter(Boolean).slice(0, 300);
  writeFileSync(repeated, [...names, ...names.slice(0, 40)].join("\n"));
  const out = tempDir();
  const r = runCli(["-i", repeated, ...MODEL, "-o", out, "--max-steps", "21", "--dedupe"]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /--dedupe: 40 duplicate lines dropped before the split/);
  assert.match(r.stdout, /on 270 words \(30 held out\)/);
  const resumed = runCli(["-i", repeated, ...MODEL, "-o", out, "--max-steps", "25", "--resume"]);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stdout, /on 270 words \(30 held out\)/);
});

test("--track-stats records every parameter's update:data ratio into metrics.jsonl at each evaluation", () => {
  const out = tempDir();
  const r = run("-o", out, "--max-steps", "41", "--track-stats");
  assert.equal(r.status, 0, r.stderr);
  const records = readFileSync(join(out, "metrics.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const trained = mm.decodeTrainState(readFileSync(join(out, "train_state.safetensors")), "s");
  for (const rec of records) {
    assert.deepEqual(Object.keys(rec.update_ratios).sort(), [...trained.model.keys()].filter((k) => !k.includes("running")).sort());
    for (const v of Object.values(rec.update_ratios) as number[]) assert.ok(v > -8 && v < 0, `a plausible log10 ratio, got ${v}`);
  }
});
