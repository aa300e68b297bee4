/**
 * The sweep's promise under a crash: a 6-run grid through 2 worker processes, one of them
 * killed with SIGKILL in the middle of a job. Every run completes exactly once, the killed job
 * continues on the other worker from its stored checkpoint, and every run's full test loss equals,
 * bit for bit, that of the same grid swept locally without Redis. Needs redis-server.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Queue, QueueEvents } from "bullmq";
import { QUEUE_NAME, type SweepJobProgress } from "../../src/sweep/job.js";
import { cli, readResults, sleep, startWorker, sweepDir, testRedis } from "./helpers.js";

const GRID = "type=transformer n-layer=1 n-embd=16,24 learning-rate=1e-3,2e-3,3e-3 batch-size=8 eval-every=100";
const MAX_STEPS = 800;
const { cwd, words } = sweepDir();
const redis = await testRedis(1);
after(() => redis.stop());

const sweepArgs = (name: string, extra: string[] = []) => ["sweep", "-i", words, "--grid", GRID, "--max-steps", String(MAX_STEPS), "--name", name, ...extra];

test("a local sweep and a queued sweep with a worker killed mid-job give every run once, with the same test losses bit for bit", async () => {
  const local = await cli(sweepArgs("local", ["--concurrency", "2"]), cwd).done;
  assert.equal(local.status, 0, local.stderr);
  const localLoss = new Map(readResults(cwd, "local").map((r) => [r.run, r.test_loss]));
  assert.equal(localLoss.size, 6);

  const connection = { url: redis.url, maxRetriesPerRequest: null };
  const queue = new Queue(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  await events.waitUntilReady();
  const stalled: string[] = [];
  events.on("stalled", ({ jobId }) => stalled.push(jobId));
  const lock = ["--lock-duration", "3000"];
  const victim = await startWorker(redis.url, "victim", cwd, lock);
  const survivor = await startWorker(redis.url, "survivor", cwd, lock);
  try {
    const sweep = cli(sweepArgs("queued", ["--queue", redis.url]), cwd);
    // kill the victim once one of its jobs has stored a checkpoint and has steps left to train
    let killedJob: string | undefined;
    while (!killedJob) {
      assert.equal(sweep.process.exitCode, null, `the sweep ended before a job could be interrupted:\n${sweep.output()}`);
      for (const job of await queue.getActive()) {
        const p = job.progress as SweepJobProgress;
        if (p?.worker === "victim" && p.stored !== null && p.step < MAX_STEPS - 200) killedJob = job.id;
      }
      if (!killedJob) await sleep(50);
    }
    victim.process.kill("SIGKILL");
    const run = await sweep.done;
    assert.equal(run.status, 0, run.stdout + run.stderr);

    const results = readResults(cwd, "queued");
    assert.deepEqual(results.map((r) => r.run).sort(), [...localLoss.keys()].sort(), "every run exactly once");
    for (const r of results) assert.equal(r.test_loss, localLoss.get(r.run), `${r.run}: queued test loss equals the local one`);
    const resumed = results.find((r) => `queued/${r.run}` === killedJob)!;
    assert.equal(resumed.worker, "survivor");
    assert.ok(resumed.resumed_from > 0, `the killed job continued from its stored checkpoint (resumed_from ${resumed.resumed_from})`);
    assert.deepEqual(stalled, [killedJob], "only the killed worker's job was taken for stalled");
    for (const r of results) assert.ok(existsSync(join(cwd, "sweeps", "queued", r.run, "model.safetensors")));
  } finally {
    survivor.process.kill("SIGTERM");
    await survivor.done;
    await events.close();
    await queue.close();
  }
});
