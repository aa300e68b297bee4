/**
 * A local sweep (no Redis): interrupted with SIGINT, then run again, it keeps the finished runs
 * once and continues the interrupted one from its checkpoint, ending with the test losses of an
 * uninterrupted sweep, bit for bit.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { cli, readResults, sleep, sweepDir } from "./helpers.js";

const { cwd, words } = sweepDir();
const args = (name: string) => [
  "sweep",
  "-i",
  words,
  "--grid",
  "type=transformer n-layer=1 n-embd=16 seed=1,2 eval-every=100",
  "--max-steps",
  "1000",
  "--name",
  name,
  "--concurrency",
  "1",
];

test("an interrupted local sweep continues where it stopped when run again", async () => {
  const reference = await cli(args("ref"), cwd).done;
  assert.equal(reference.status, 0, reference.stderr);

  const first = cli(args("again"), cwd);
  const second = join(cwd, "sweeps", "again", "001-2", "train_state.safetensors");
  while (!existsSync(second)) {
    assert.equal(first.process.exitCode, null, `the sweep ended before its second run checkpointed:\n${first.output()}`);
    await sleep(20);
  }
  first.process.kill("SIGINT");
  const stopped = await first.done;
  assert.equal(stopped.status, 130, stopped.stdout + stopped.stderr);
  assert.match(stopped.stdout, /interrupted: run the same command again to continue/);
  assert.deepEqual(
    readResults(cwd, "again").map((r) => r.run),
    ["000-1"],
  );

  const rerun = await cli(args("again"), cwd).done;
  assert.equal(rerun.status, 0, rerun.stderr);
  const results = readResults(cwd, "again");
  assert.deepEqual(
    results.map((r) => r.run),
    ["000-1", "001-2"],
    "each run once",
  );
  assert.ok(results[1].resumed_from > 0, "the interrupted run continued from its checkpoint");
  const ref = new Map(readResults(cwd, "ref").map((r) => [r.run, r.test_loss]));
  for (const r of results) assert.equal(r.test_loss, ref.get(r.run), `${r.run} equals the uninterrupted sweep's`);
  assert.ok(!readdirSync(join(cwd, "sweeps", "again")).includes("sweep.lock"), "the sweep's lock is released");
});
