// A sweep on this machine, no queue: N runs at a time, each in a child process with one worker
// thread, each writing its work dir in sweeps/NAME/<run>/. A re-run continues: finished runs
// are kept, interrupted ones resume from their last checkpoint.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { acquireLock } from "../io/lock.js";
import { TRAIN_STATE_FILE } from "../train/state.js";
import { startChild, type RunningChild } from "./child-run.js";
import { SweepResults, type RunResult } from "./results.js";
import { LiveTable, type RunRow } from "./table.js";
import type { ChildDone } from "./child-protocol.js";
import type { PlannedRun, SweepPlan } from "./plan.js";

export const SWEEP_LOCK_FILE = "sweep.lock";

export interface SweepOutcome {
  done: number;
  failed: { run: string; error: string }[];
  interrupted: boolean;
}

/** A finished child's result as a results.jsonl line. */
export function resultOf(run: PlannedRun, d: ChildDone, worker: string, wallS: number): RunResult {
  return {
    run: run.id,
    config: run.config,
    test_loss: d.testLoss,
    model_step: d.modelStep,
    steps: d.steps,
    best_eval: d.bestEval,
    time_s: d.timeS,
    wall_s: Math.round(wallS * 1000) / 1000,
    resumed_from: d.resumedFrom,
    worker,
    finished: new Date().toISOString(),
  };
}

export const rowOf = (run: PlannedRun, r?: RunResult): RunRow => ({
  id: run.id,
  config: run.config,
  state: r ? "done" : "waiting",
  maxSteps: run.options.maxSteps,
  ...(r ? { step: r.steps, testLoss: r.test_loss, timeS: r.time_s, where: r.worker } : {}),
});

export async function runLocalSweep(plan: SweepPlan, words: string[], concurrency: number, table = new LiveTable()): Promise<SweepOutcome> {
  mkdirSync(plan.dir, { recursive: true });
  const lock = acquireLock(join(plan.dir, SWEEP_LOCK_FILE), `sweep ${plan.name}`, (l) => console.log(l));
  const results = new SweepResults(plan.dir);
  const rows = new Map(plan.runs.map((r) => [r.id, rowOf(r, results.result(r.id))]));
  const show = (force = false) => table.update([...rows.values()], force);
  const todo = plan.runs.filter((r) => !results.result(r.id));
  const running = new Set<RunningChild>();
  const outcome: SweepOutcome = { done: plan.runs.length - todo.length, failed: [], interrupted: false };
  const onSignal = () => {
    if (outcome.interrupted) process.exit(130); // a second Ctrl-C: every run's last checkpoint is on disk
    outcome.interrupted = true;
    for (const c of running) c.stop();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const runOne = async (run: PlannedRun) => {
    const dir = join(plan.dir, run.id);
    const row = rows.get(run.id)!;
    const resumed = existsSync(join(dir, TRAIN_STATE_FILE));
    Object.assign(row, { state: "running", where: "local" });
    const t0 = performance.now();
    const child = startChild(
      { words, options: run.options, workDir: dir, resume: resumed, reportCheckpoints: false },
      { onProgress: (p) => (Object.assign(row, { step: p.step, loss: p.loss }), show()) },
    );
    running.add(child);
    show(true);
    try {
      const d = await child.result;
      if (d.kind === "stopped") {
        Object.assign(row, { state: "stopped", step: d.step });
        return;
      }
      const r = resultOf(run, d, "local", (performance.now() - t0) / 1000);
      results.addResult(r);
      outcome.done++;
      rows.set(run.id, rowOf(run, r));
    } catch (e) {
      const error = (e as Error).message;
      results.addFailure({ run: run.id, config: run.config, error, attempts: 1, failed: new Date().toISOString() });
      outcome.failed.push({ run: run.id, error });
      Object.assign(row, { state: "failed", error });
    } finally {
      running.delete(child);
      show(true);
    }
  };

  show(true);
  try {
    let next = 0;
    const lane = async () => {
      while (next < todo.length && !outcome.interrupted) await runOne(todo[next++]);
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, todo.length)) }, lane));
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    lock.release();
  }
  return outcome;
}
