// `sweep status` and `sweep fetch`: what a sweep's directory (and, given --queue, its jobs) say
// about its runs, and the best run's work dir copied out.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import { acquireLock, type Lock } from "../io/lock.js";
import { TRAIN_STATE_FILE } from "../train/state.js";
import { CONFIG_FILE, MODEL_FILE } from "../train/workdir.js";
import { METRICS_FILE, PLOT_FILE } from "../train/metrics.js";
import { collectSweep } from "./collect.js";
import { SWEEP_LOCK_FILE } from "./local-sweep.js";
import { describeFlags, readManifest, sweepDirOf, type SweepManifest } from "./plan.js";
import { openQueue } from "./queue-sweep.js";
import { bestResult, SweepResults, type RunResult } from "./results.js";
import type { RedisTarget } from "./redis-url.js";
import type { RunRow } from "./table.js";

export interface SweepView {
  manifest: SweepManifest;
  dir: string;
  rows: RunRow[];
  results: RunResult[];
}

function openSweep(name: string, root?: string): { dir: string; manifest: SweepManifest } {
  const dir = sweepDirOf(name, root);
  const manifest = readManifest(dir);
  if (!manifest) throw new Error(`no sweep named ${name} in ${join(root ?? ".", "sweeps")}/ (start one with: makemore sweep -i FILE --grid … --name ${name})`);
  return { dir, manifest };
}

/** The lock, if nobody else holds it (a sweep still following its runs does, and collects them itself). */
function tryLock(dir: string, name: string): Lock | null {
  try {
    return acquireLock(join(dir, SWEEP_LOCK_FILE), `sweep ${name}`, () => {});
  } catch {
    return null;
  }
}

/** Rows from the sweep's files alone: finished, failed, interrupted (a checkpoint on disk) or not started. */
function localRows(dir: string, manifest: SweepManifest, results: SweepResults): RunRow[] {
  return manifest.runs.map((run) => {
    const r = results.result(run.id);
    if (r) return { id: run.id, config: run.config, state: "done", step: r.steps, timeS: r.time_s, testLoss: r.test_loss, where: r.worker };
    const f = results.failure(run.id);
    if (f) return { id: run.id, config: run.config, state: "failed", error: f.error };
    const started = existsSync(join(dir, run.id, TRAIN_STATE_FILE));
    return { id: run.id, config: run.config, state: started ? "stopped" : "waiting" };
  });
}

/** The sweep's runs; with a queue, finished jobs are collected into the sweep's directory first. */
export async function viewSweep(name: string, target: RedisTarget | null, root?: string): Promise<SweepView> {
  const { dir, manifest } = openSweep(name, root);
  if (!target) {
    const results = new SweepResults(dir);
    return { manifest, dir, rows: localRows(dir, manifest, results), results: results.results };
  }
  const q = await openQueue(target);
  const lock = tryLock(dir, name);
  try {
    const results = new SweepResults(dir);
    const rows = await collectSweep({ queue: q.queue, store: q.store, manifest, dir, results, write: lock !== null });
    return { manifest, dir, rows, results: results.results };
  } finally {
    lock?.release();
    await q.close();
  }
}

const COPIED = [PLOT_FILE, METRICS_FILE, MODEL_FILE, CONFIG_FILE, TRAIN_STATE_FILE]; // the commit point last

/** Copies a finished run's work dir (the best by full test loss, or the one named) to `out`. */
export function fetchRun(view: SweepView, which: { best: true } | { run: string }, out: string, force: boolean): RunResult {
  const pick = "best" in which ? bestResult(view.results) : (view.results.find((r) => r.run === which.run) ?? null);
  if (!pick)
    throw new Error(
      "best" in which
        ? `no run of sweep ${view.manifest.name} has finished yet`
        : `run ${which.run} of sweep ${view.manifest.name} has not finished (or does not exist)`,
    );
  if (!force && [TRAIN_STATE_FILE, MODEL_FILE, CONFIG_FILE].some((f) => existsSync(join(out, f))))
    throw new Error(`${out} holds a model already: choose another -o, or pass --force to overwrite it`);
  const src = join(view.dir, pick.run);
  if (!existsSync(join(src, MODEL_FILE))) throw new Error(`${src} has no ${MODEL_FILE}: the run's files are missing`);
  for (const f of COPIED) if (existsSync(join(src, f))) writeFileAtomic(join(out, f), readFileSync(join(src, f)));
  return pick;
}

export const describeResult = (r: RunResult): string => `${r.run} (${describeFlags(r.config)}): test loss ${r.test_loss.toFixed(6)} at step ${r.model_step}`;
