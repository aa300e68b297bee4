/**
 * A detached sweep followed with `sweep status --queue`: a worker stopped with SIGTERM mid-job
 * puts its job back in the queue with a stored checkpoint, a second worker finishes it, status
 * collects the results (sorted by test loss), and `sweep fetch --best` writes a work dir that
 * `makemore eval` reads. Needs redis-server.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { Queue } from "bullmq";
import { QUEUE_NAME, type SweepJobProgress } from "../../src/sweep/job.js";
import { cli, readResults, sleep, startWorker, sweepDir, testRedis } from "./helpers.js";

const { cwd, words } = sweepDir();
const redis = await testRedis(3);
after(() => redis.stop());
const GRID = "type=transformer n-layer=1 n-embd=16 seed=1,2 eval-every=100";

test("detach, a worker stopped gracefully mid-job, status, fetch --best", async () => {
  const detached = await cli(["sweep", "-i", words, "--grid", GRID, "--max-steps", "1000", "--name", "d", "--queue", redis.url, "--detach"], cwd).done;
  assert.equal(detached.status, 0, detached.stderr);
  assert.match(detached.stdout, /2 run\(s\) queued/);

  const queue = new Queue(QUEUE_NAME, { connection: { url: redis.url, maxRetriesPerRequest: null } });
  try {
    const first = await startWorker(redis.url, "first", cwd);
    let stoppedJob: string | undefined;
    while (!stoppedJob) {
      for (const job of await queue.getActive()) if ((job.progress as SweepJobProgress)?.stored) stoppedJob = job.id;
      if (!stoppedJob) await sleep(50);
    }
    first.process.kill("SIGTERM");
    assert.equal((await first.done).status, 0);
    const back = (await queue.getJob(stoppedJob))!;
    assert.equal(await back.getState(), "waiting", "a stopped worker's job goes back to the queue");
    assert.ok((back.progress as SweepJobProgress).stored! > 0, "with its checkpoint stored");

    const second = await startWorker(redis.url, "second", cwd);
    let status;
    do {
      await sleep(500);
      status = await cli(["sweep", "status", "--name", "d", "--queue", redis.url], cwd).done;
      assert.equal(status.status, 0, status.stderr);
    } while (!/2 of 2 runs done/.test(status.stdout));
    second.process.kill("SIGTERM");
    await second.done;

    const results = readResults(cwd, "d");
    assert.deepEqual(results.map((r) => r.run).sort(), ["000-1", "001-2"]);
    const sorted = [...results].sort((a, b) => a.test_loss - b.test_loss);
    const rows = status.stdout.split("\n").filter((l) => /^00\d-/.test(l));
    assert.deepEqual(
      rows.map((l) => l.split(/\s+/)[0]),
      sorted.map((r) => r.run),
      "status sorts by test loss",
    );
    assert.ok(results.find((r) => `d/${r.run}` === stoppedJob)!.resumed_from > 0);

    const out = `${cwd}/best`;
    const fetched = await cli(["sweep", "fetch", "--name", "d", "--best", "-o", out], cwd).done;
    assert.equal(fetched.status, 0, fetched.stderr);
    const best = sorted[0];
    const evaluated = await cli(["eval", "-i", words, "-o", out, "--seed", String(best.config.seed)], cwd).done; // the run's own split
    assert.match(evaluated.stdout, new RegExp(`test loss: ${best.test_loss.toFixed(4)}`));
  } finally {
    await queue.close();
  }
});
