// Reads a queued sweep's jobs: a finished job becomes its work dir in sweeps/NAME/<run>/ and one
// results.jsonl line (once, whoever collects), a failed one a failed.jsonl line; the rest are
// rows of the live table.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Job, Queue } from "bullmq";
import { writeFileAtomic } from "../io/atomic.js";
import { TRAIN_STATE_FILE } from "../train/state.js";
import { jobIdOf, type SweepJobData, type SweepJobProgress, type SweepJobResult } from "./job.js";
import type { SweepManifest } from "./plan.js";
import type { SweepResults } from "./results.js";
import type { SweepStore } from "./store.js";
import type { RunRow } from "./table.js";

export interface CollectTarget {
  queue: Queue;
  store: SweepStore;
  manifest: SweepManifest;
  dir: string;
  results: SweepResults;
  /** false: another process holds the sweep's lock and writes its files; only look */
  write: boolean;
}

const maxStepsOf = (config: Record<string, unknown>) => (typeof config["max-steps"] === "number" ? (config["max-steps"] as number) : undefined);

/** One pass over the sweep's runs; returns their rows in sweep order. */
export async function collectSweep(t: CollectTarget): Promise<RunRow[]> {
  const rows: RunRow[] = [];
  for (const run of t.manifest.runs) {
    const base: RunRow = { id: run.id, config: run.config, state: "waiting", maxSteps: maxStepsOf(run.config) };
    const done = t.results.result(run.id);
    if (done) {
      rows.push({ ...base, state: "done", step: done.steps, testLoss: done.test_loss, timeS: done.time_s, where: done.worker });
      continue;
    }
    // The state first, then the job: a job read before it failed lacks its failedReason, and a
    // later getState() would still say "failed", leaving the run's error blank.
    const id = jobIdOf(t.manifest.name, run.id);
    const state = await t.queue.getJobState(id);
    const job = state === "unknown" ? undefined : await t.queue.getJob(id);
    rows.push(job ? await rowOfJob(t, run, job, state, base) : { ...base, state: "waiting", error: "not in the queue" });
  }
  return rows;
}

async function rowOfJob(
  t: CollectTarget,
  run: SweepManifest["runs"][number],
  job: Job<SweepJobData, SweepJobResult>,
  state: string,
  base: RunRow,
): Promise<RunRow> {
  if (state === "completed" && job.returnvalue) {
    const r = job.returnvalue;
    if (t.write) {
      await writeWorkDir(t, join(t.dir, run.id), r);
      const { v: _v, state_key: _k, files: _f, ...numbers } = r;
      t.results.addResult({ run: run.id, config: run.config, ...numbers, finished: new Date(job.finishedOn ?? Date.now()).toISOString() });
    }
    return { ...base, state: "done", step: r.steps, testLoss: r.test_loss, timeS: r.time_s, where: r.worker };
  }
  if (state === "failed") {
    const error = job.failedReason || "failed";
    if (t.write)
      t.results.addFailure({
        run: run.id,
        config: run.config,
        error,
        attempts: job.attemptsMade,
        failed: new Date(job.finishedOn ?? Date.now()).toISOString(),
      });
    return { ...base, state: "failed", error };
  }
  const p = (typeof job.progress === "object" ? job.progress : null) as SweepJobProgress | null;
  const progress = p ? { step: p.step, loss: Number.isFinite(p.loss) ? p.loss : undefined, where: p.worker } : {};
  if (state === "active") return { ...base, ...progress, state: "running" };
  if (job.failedReason) return { ...base, ...progress, state: "retrying", error: `attempt ${job.attemptsMade} failed: ${job.failedReason}` };
  return { ...base, ...progress, state: "waiting" };
}

/** The files the worker's work dir held; train_state (the commit point that readers trust) last. */
async function writeWorkDir(t: CollectTarget, dir: string, r: SweepJobResult): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(r.files)) {
    if (!/^[a-z_]+\.(safetensors|json|jsonl|svg)$/.test(name)) continue; // a file name from the queue is data, never a path
    writeFileAtomic(join(dir, name), name.endsWith(".safetensors") ? Buffer.from(content, "base64") : content);
  }
  const stored = /^[0-9a-f]{64}$/.test(r.state_key) ? await t.store.getRun(r.state_key) : null;
  if (stored && stored.step === r.steps) writeFileAtomic(join(dir, TRAIN_STATE_FILE), stored.trainState);
}
