// A sweep on the queue: the words stored once, one BullMQ job per run (a re-run adds only the
// missing ones and retries the failed), then a live table until every run has finished, with
// sweeps/NAME/ filled as results come in.
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { acquireLock, type Lock } from "../io/lock.js";
import { collectSweep } from "./collect.js";
import { JOB_OPTIONS, QUEUE_NAME, jobIdOf, type SweepJobData } from "./job.js";
import { SWEEP_LOCK_FILE, type SweepOutcome } from "./local-sweep.js";
import { SweepStore } from "./store.js";
import { SweepResults } from "./results.js";
import { LiveTable, type RunRow } from "./table.js";
import { bullConnection, openRedis } from "./redis-connect.js";
import type { RedisTarget } from "./redis-url.js";
import type { SweepManifest, SweepPlan } from "./plan.js";

/** The queue handles one command needs, closed together. */
export interface QueueSession {
  queue: Queue;
  store: SweepStore;
  close(): Promise<void>;
}

export async function openQueue(target: RedisTarget): Promise<QueueSession> {
  const redis: Redis = await openRedis(target);
  const queue = new Queue(QUEUE_NAME, { connection: bullConnection(target) });
  queue.on("error", () => {}); // commands reject with the cause, which the caller reports
  return {
    queue,
    store: new SweepStore(redis),
    close: async () => {
      await queue.close().catch(() => {});
      redis.disconnect();
    },
  };
}

/** Adds the runs that have no result yet; a failed job of this sweep gets three new attempts. */
async function enqueue(q: QueueSession, plan: SweepPlan, results: SweepResults, wordsSha256: string): Promise<number> {
  const fresh = [];
  for (const run of plan.runs) {
    if (results.result(run.id)) continue;
    const jobId = jobIdOf(plan.name, run.id);
    const existing = await q.queue.getJob(jobId);
    if (existing) {
      if ((await existing.getState()) === "failed") await existing.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
      continue;
    }
    const data: SweepJobData = { v: 1, sweep: plan.name, run: run.id, config: run.config, words: { sha256: wordsSha256, count: plan.words.count } };
    fresh.push({ name: run.id, data, opts: { ...JOB_OPTIONS, jobId } });
  }
  if (fresh.length) await q.queue.addBulk(fresh);
  return fresh.length;
}

export interface QueueSweepOptions {
  detach: boolean;
  table?: LiveTable;
}

export async function runQueueSweep(
  plan: SweepPlan,
  manifest: SweepManifest,
  words: string[],
  target: RedisTarget,
  o: QueueSweepOptions,
): Promise<SweepOutcome | null> {
  mkdirSync(plan.dir, { recursive: true });
  const q = await openQueue(target);
  let lock: Lock | null = null;
  try {
    const results = new SweepResults(plan.dir);
    const sha256 = await q.store.putWords(words);
    const added = await enqueue(q, plan, results, sha256);
    console.log(`sweep ${plan.name}: ${added} run(s) queued on ${target.display}, ${plan.runs.length - added} already there or finished`);
    console.log(`workers take them: makemore worker --queue ${target.display}   (on any host that reaches Redis)`);
    if (o.detach) {
      console.log(`follow it with: makemore sweep status --name ${plan.name} --queue ${target.display}`);
      return null;
    }
    lock = acquireLock(join(plan.dir, SWEEP_LOCK_FILE), `sweep ${plan.name}`, (l) => console.log(l));
    return await follow(q, manifest, plan.dir, results, target, o.table ?? new LiveTable());
  } finally {
    lock?.release();
    await q.close();
  }
}

/** Waits for every run to finish, woken by the queue's events and checking every second regardless. */
async function follow(
  q: QueueSession,
  manifest: SweepManifest,
  dir: string,
  results: SweepResults,
  target: RedisTarget,
  table: LiveTable,
): Promise<SweepOutcome> {
  const events = new QueueEvents(QUEUE_NAME, { connection: bullConnection(target) });
  events.on("error", () => {});
  let wake: (() => void) | null = null;
  for (const e of ["progress", "completed", "failed", "active"] as const) events.on(e, () => wake?.());
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    wake?.();
  };
  process.on("SIGINT", onSignal);
  try {
    let rows: RunRow[] = [];
    for (;;) {
      rows = await collectSweep({ queue: q.queue, store: q.store, manifest, dir, results, write: true });
      table.update(rows);
      if (interrupted || rows.every((r) => r.state === "done" || r.state === "failed")) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        wake = () => (clearTimeout(timer), resolve());
      });
      wake = null;
    }
    table.update(rows, true);
    if (interrupted) console.log(`stopped following; the runs go on on the workers: makemore sweep status --name ${manifest.name} --queue ${target.display}`);
    const failed = rows.filter((r) => r.state === "failed").map((r) => ({ run: r.id, error: r.error ?? "failed" }));
    return { done: rows.filter((r) => r.state === "done").length, failed, interrupted };
  } finally {
    process.off("SIGINT", onSignal);
    await events.close().catch(() => {});
  }
}
