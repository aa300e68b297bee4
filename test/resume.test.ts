import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as mm from "makemore";
import { repoRoot } from "./helpers/fixtures.js";
import { runCli, startCli, tempDir } from "./helpers/cli.js";

const INPUT = join(repoRoot, "data", "names.txt");
// a small transformer: slow enough per evaluation to be killed mid-run, fast enough for CI
const ARGS = [
  "-i",
  INPUT,
  "--type",
  "transformer",
  "--n-layer",
  "1",
  "--n-head",
  "2",
  "--n-embd",
  "16",
  "--n-embd2",
  "16",
  "--eval-every",
  "10",
  "--num-samples",
  "2",
  "--seed",
  "11",
];
const FINAL = 70;

const evals = (dir: string) =>
  readFileSync(join(dir, "metrics.jsonl"), "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => {
      const r = JSON.parse(l);
      return { step: r.step, train: r.train_loss, test: r.test_loss, best: r.best };
    });

async function killAfterEvals(dir: string, n: number): Promise<void> {
  const child = startCli([...ARGS, "-o", dir, "--max-steps", "100000"]);
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
  const metrics = join(dir, "metrics.jsonl");
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    if (existsSync(metrics) && readFileSync(metrics, "utf8").split("\n").filter(Boolean).length >= n) break;
    if (child.exitCode !== null) throw new Error("training ended before it could be killed");
  }
  await new Promise((r) => setTimeout(r, 30 + Math.random() * 200)); // land somewhere between checkpoints
  child.kill("SIGKILL");
  assert.equal(await exited, "SIGKILL");
}

test("kill -9 during training, then --resume: no checkpoint is lost and the run continues identically", { timeout: 600_000 }, async () => {
  const reference = tempDir();
  const r = runCli([...ARGS, "-o", reference, "--max-steps", String(FINAL)]);
  assert.equal(r.status, 0, r.stderr);

  const killed = tempDir();
  await killAfterEvals(killed, 3);
  // what survived the kill is complete and loadable
  const survivor = await mm.loadModel(killed);
  assert.equal(survivor.model.type, "transformer");
  const before = evals(killed);
  assert.ok(before.length >= 3 && before.at(-1)!.step < FINAL, `killed too late (evals: ${before.map((e) => e.step)})`);

  const resumed = runCli([...ARGS, "-o", killed, "--max-steps", String(FINAL), "--resume"]);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stdout, /resuming transformer/);

  assert.deepEqual(evals(killed), evals(reference), "the loss curve after resuming equals the uninterrupted run's");
  assert.deepEqual(readFileSync(join(killed, "model.safetensors")), readFileSync(join(reference, "model.safetensors")), "same best model, byte for byte");
});
