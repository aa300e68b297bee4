// `makemore worker`: a BullMQ worker on the sweep queue. Each job trains in a child process of
// its own, so this process's event loop only moves bytes, and BullMQ's lock renewal timer is
// never held up by a training step: a job is taken for stalled only when its worker is gone.
import { hostname } from "node:os";
import { Redis } from "ioredis";
import { Worker } from "bullmq";
import { QUEUE_NAME, type SweepJobResult } from "./job.js";
import { JobRunner, removeStaleJobDirs } from "./job-runner.js";
import { SweepStore } from "./store.js";
import { bullConnection, openRedis, redisFailure } from "./redis-connect.js";
import { redact, type RedisTarget } from "./redis-url.js";

export interface WorkerSettings {
  target: RedisTarget;
  concurrency: number;
  maxParams: number;
  /** how this worker is named in progress and results (default host:pid) */
  id?: string;
  /** BullMQ's job lock; a dead worker's job is handed on within about 1.5× this */
  lockDurationMs: number;
}

/** A job may stall (lose its worker) this many times before it fails. */
const MAX_STALLED = 3;

export async function runWorker(s: WorkerSettings): Promise<void> {
  const id = s.id ?? `${hostname()}:${process.pid}`;
  const password = s.target.options.password;
  const log = (line: string) => console.log(`${new Date().toISOString()} ${redact(line, password)}`);
  (await openRedis(s.target)).disconnect(); // unreachable or wrong password: one line, before anything starts
  removeStaleJobDirs();

  const redis = new Redis(bullConnection(s.target));
  let lastError = "";
  const onError = (e: unknown) => {
    const line = redisFailure(e, s.target);
    if (line !== lastError) log(`warning: ${line}`); // ioredis repeats a failure at every retry
    lastError = line;
  };
  redis.on("error", onError);
  redis.on("ready", () => (lastError = ""));

  let shuttingDown = false;
  const runner = new JobRunner({ store: new SweepStore(redis), worker: id, maxParams: s.maxParams, shuttingDown: () => shuttingDown, log });
  const worker = new Worker(QUEUE_NAME, runner.process, {
    connection: bullConnection(s.target),
    concurrency: s.concurrency,
    lockDuration: s.lockDurationMs,
    stalledInterval: Math.max(1000, Math.round(s.lockDurationMs / 2)),
    maxStalledCount: MAX_STALLED,
    name: id,
  });
  worker.on("error", onError);
  worker.on("completed", (job, r: SweepJobResult) =>
    log(`${job.id}: done, test loss ${r.test_loss.toFixed(4)} after ${r.steps} steps (${r.wall_s.toFixed(1)} s)`),
  );
  worker.on("failed", (job, e) => {
    if (e.name === "WaitingError") return;
    const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || e.name === "UnrecoverableError";
    log(`${job?.id ?? "a job"}: ${final ? "failed" : `attempt ${job?.attemptsMade} failed, will retry`}: ${e.message}`);
  });
  worker.on("stalled", (jobId) => log(`${jobId}: its worker stopped answering; back in the queue, to continue from its stored checkpoint`));
  await worker.waitUntilReady();
  log(`worker ${id} ready on ${s.target.display} (queue ${QUEUE_NAME}, concurrency ${s.concurrency}, max ${s.maxParams.toLocaleString("en-US")} parameters)`);

  await new Promise<void>((resolve) => {
    const onSignal = (sig: NodeJS.Signals) => {
      if (shuttingDown) process.exit(sig === "SIGINT" ? 130 : 143);
      shuttingDown = true;
      log(`${sig}: stopping; running jobs store a checkpoint and go back to the queue (press Ctrl-C again to quit at once)`);
      for (const c of runner.active) c.stop();
      worker.close().then(resolve, resolve);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
  await redis.quit().catch(() => redis.disconnect());
  log(`worker ${id} stopped`);
}
