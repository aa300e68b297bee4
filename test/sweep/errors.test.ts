/**
 * Bad input to sweep and worker: one line `makemore: …`, a failing exit code, no stack trace,
 * and no password. Refused and failing jobs end failed with their reason. Needs redis-server.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Queue, QueueEvents } from "bullmq";
import { QUEUE_NAME } from "../../src/sweep/job.js";
import { cli, startRedisServer, startWorker, sweepDir, testRedis, type CliRun } from "./helpers.js";
import { freePort } from "../helpers/free-port.js";

const { cwd, words } = sweepDir(300);
const PASSWORD = "hunter2-secret";
const locked = await startRedisServer(PASSWORD);
const redis = await testRedis(2);
after(async () => {
  await locked.stop();
  await redis.stop();
});

function assertOneLine(r: CliRun, pattern: RegExp): void {
  const lines = r.stderr.trim().split("\n");
  assert.equal(lines.length, 1, `one line on stderr, got:\n${r.stderr}`);
  assert.match(lines[0], /^makemore: /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(r.stderr + r.stdout, /\n\s+at |hunter2/);
  assert.notEqual(r.status, 0);
}

const sweep = (...args: string[]) => cli(["sweep", "-i", words, "--name", "e", "--max-steps", "20", ...args], cwd).done;
const worker = (...args: string[]) => cli(["worker", ...args], cwd).done;

test("an unreachable Redis", async () => {
  const port = await freePort();
  assertOneLine(
    await sweep("--grid", "type=mlp", "--queue", `redis://:${PASSWORD}@127.0.0.1:${port}`),
    new RegExp(`^makemore: cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port} \\(connect ECONNREFUSED`),
  );
  assertOneLine(await worker("--queue", `redis://127.0.0.1:${port}`), /cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+ \(connect ECONNREFUSED/);
});

test("a wrong or missing password", async () => {
  const url = `redis://:wrong-${PASSWORD}@127.0.0.1:${locked.port}`;
  assertOneLine(await sweep("--grid", "type=mlp", "--queue", url), /Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ refused the password \(WRONGPASS/);
  assertOneLine(await worker("--queue", url), /refused the password/);
  assertOneLine(await worker("--queue", `redis://127.0.0.1:${locked.port}`), /needs a password/);
});

test("a malformed grid, an unknown flag, a bad value, a missing budget or name", async () => {
  assertOneLine(await sweep("--grid", "type mlp"), /malformed grid term "type": expected FLAG=VALUE\[,VALUE…\]/);
  assertOneLine(await sweep("--grid", "type=mlp n-emb=32"), /unknown flag "n-emb" in the grid; known flags: type, n-layer, n-head, n-embd/);
  assertOneLine(
    await sweep("--grid", "n-embd=30 n-head=4"),
    /run 000 \(n-embd=30 n-head=4 max-steps=20\): --n-embd \(30\) must be divisible by --n-head \(4\)/,
  );
  assertOneLine(await cli(["sweep", "-i", words, "--name", "e", "--grid", "type=mlp"], cwd).done, /needs a budget/);
  assertOneLine(await cli(["sweep", "-i", words, "--grid", "type=mlp", "--max-steps", "5"], cwd).done, /--name is required/);
  assertOneLine(await sweep("--grid", "type=mlp", "--detach"), /--detach needs --queue/);
  assertOneLine(await sweep("--grid", "type=mlp", "--queue", `http://:${PASSWORD}@h:1`), /--queue must be a redis:\/\/ URL/);
});

test("an oversized config: refused by the sweep's --max-params, and by a worker's, with the reason on the job", async () => {
  assertOneLine(
    await sweep("--grid", "type=transformer n-embd=64", "--max-params", "5000"),
    /the transformer config has [\d,]+ parameters, over the limit of 5,000 \(--max-params\)/,
  );
  const w = await startWorker(redis.url, "small", cwd, ["--max-params", "5000"]);
  try {
    const r = await cli(["sweep", "-i", words, "--name", "big", "--max-steps", "20", "--grid", "type=transformer n-embd=64", "--queue", redis.url], cwd).done;
    assertOneLine(r, /1 of 1 runs failed .*000: refused: the transformer config has [\d,]+ parameters, over the limit of 5,000 \(--max-params\)/);
    const failure = JSON.parse(
      readFileSync(join(cwd, "sweeps", "big", "failed.jsonl"), "utf8")
        .trim()
        .split("\n")
        .at(-1)!,
    );
    assert.equal(failure.attempts, 1, "a refusal is not retried");

    // a job that is not a sweep's (added by hand, say) is refused with the reason, never run
    const connection = { url: redis.url, maxRetriesPerRequest: null };
    const queue = new Queue(QUEUE_NAME, { connection });
    const events = new QueueEvents(QUEUE_NAME, { connection });
    await events.waitUntilReady();
    const forged = await queue.add(
      "forged",
      { v: 1, sweep: "x", run: "000", config: { type: "mlp", "max-steps": 5, exec: "rm -rf /" }, words: { sha256: "0".repeat(64), count: 1 } },
      { attempts: 3 },
    );
    await assert.rejects(forged.waitUntilFinished(events), /refused: invalid job payload: unknown flag "exec" in the job's config/);
    assert.equal((await queue.getJob(forged.id!))!.attemptsMade, 1, "a refusal is not retried");
    await events.close();
    await queue.close();

    // a run that fails in training is tried three times, then failed with its error
    const d = await cli(
      [
        "sweep",
        "-i",
        words,
        "--name",
        "diverge",
        "--max-steps",
        "50",
        "--grid",
        "type=mlp n-embd=4 n-embd2=8 learning-rate=1e6 eval-every=10",
        "--queue",
        redis.url,
      ],
      cwd,
    ).done;
    assertOneLine(d, /000: training diverged at step \d+/);
    const f = JSON.parse(
      readFileSync(join(cwd, "sweeps", "diverge", "failed.jsonl"), "utf8")
        .trim()
        .split("\n")
        .at(-1)!,
    );
    assert.equal(f.attempts, 3);
    assert.match(f.error, /training diverged/);
  } finally {
    w.process.kill("SIGTERM");
    await w.done;
  }
});
