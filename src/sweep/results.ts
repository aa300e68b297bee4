// sweeps/NAME/results.jsonl (one line per finished run, each run once) and failed.jsonl (runs
// that failed, with their error). Only the process holding the sweep's lock appends to them.
import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { RunFlags } from "./grid.js";

export const RESULTS_FILE = "results.jsonl";
export const FAILED_FILE = "failed.jsonl";

/** One line of results.jsonl. */
export interface RunResult {
  run: string;
  /** the run's flags, as the training CLI names them */
  config: RunFlags;
  /** full test loss (every test word, nats per character) of the run's model: model.safetensors */
  test_loss: number;
  /** the step whose weights model.safetensors holds (the best evaluation, or the final one if better) */
  model_step: number;
  /** steps trained */
  steps: number;
  /** makemore's estimate at the evaluation that chose the model */
  best_eval: { step: number; train_loss: number; test_loss: number } | null;
  /** training seconds over every part of the run (evaluations excluded) */
  time_s: number;
  /** seconds from this run's start (or pick-up by a worker) to its result */
  wall_s: number;
  /** the step from which the attempt that finished continued a stored checkpoint (after a kill or a stopped worker); null: from scratch */
  resumed_from: number | null;
  /** "local", or the worker that finished it */
  worker: string;
  finished: string;
}

/** One line of failed.jsonl. */
export interface RunFailure {
  run: string;
  config: RunFlags;
  error: string;
  attempts: number;
  failed: string;
}

function readLines<T extends { run: string }>(path: string, keep: "first" | "last"): Map<string, T> {
  const out = new Map<string, T>();
  if (!existsSync(path)) return out;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as T;
      if (typeof r.run === "string" && (keep === "last" || !out.has(r.run))) out.set(r.run, r);
    } catch {
      // a line cut by a kill mid-append: that run is collected again
    }
  }
  return out;
}

function appendLine(path: string, record: object): void {
  appendFileSync(path, JSON.stringify(record) + "\n");
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class SweepResults {
  private readonly done: Map<string, RunResult>;
  private readonly failed: Map<string, RunFailure>;

  constructor(private readonly dir: string) {
    this.done = readLines<RunResult>(join(dir, RESULTS_FILE), "first");
    this.failed = readLines<RunFailure>(join(dir, FAILED_FILE), "last"); // a retried run's newest failure
  }

  result(run: string): RunResult | undefined {
    return this.done.get(run);
  }
  failure(run: string): RunFailure | undefined {
    return this.done.has(run) ? undefined : this.failed.get(run);
  }
  get results(): RunResult[] {
    return [...this.done.values()];
  }

  /** Records a finished run, once: a second result for the same run is dropped. */
  addResult(r: RunResult): boolean {
    if (this.done.has(r.run)) return false;
    appendLine(join(this.dir, RESULTS_FILE), r);
    this.done.set(r.run, r);
    return true;
  }

  addFailure(f: RunFailure): boolean {
    const known = this.failed.get(f.run);
    if (known && known.error === f.error && known.attempts === f.attempts) return false;
    appendLine(join(this.dir, FAILED_FILE), f);
    this.failed.set(f.run, f);
    return true;
  }
}

/** The best run by full test loss, or null when none has finished. */
export function bestResult(results: readonly RunResult[]): RunResult | null {
  return results.reduce<RunResult | null>((best, r) => (best === null || r.test_loss < best.test_loss ? r : best), null);
}
