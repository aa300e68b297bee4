// A worker's handling of one job: check it, fetch its words, continue from its stored
// checkpoint if there is one, train it in a child process, store each checkpoint, and return
// the run's numbers and model.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UnrecoverableError, WaitingError, type Job } from "bullmq";
import { METRICS_FILE } from "../train/metrics.js";
import { TRAIN_STATE_FILE } from "../train/state.js";
import { startChild, type RunningChild } from "./child-run.js";
import { parseJobData, type SweepJobProgress, type SweepJobResult } from "./job.js";
import { checkRunSize, runKeyOf } from "./run-config.js";
import { dataShapeOf } from "./param-count.js";
import type { SweepStore } from "./store.js";

const PROGRESS_EVERY_MS = 500;
const RESULT_FILES = ["model.safetensors", "config.json", "metrics.jsonl", "loss.svg"];
const TEMP_PREFIX = "makemore-job-";

export interface JobRunnerSettings {
  store: SweepStore;
  worker: string;
  maxParams: number;
  /** set once the worker is shutting down: a stopped run goes back to the queue */
  shuttingDown(): boolean;
  log(line: string): void;
}

/** Work dirs left in the temp dir by workers that were killed (named after their pid). */
export function removeStaleJobDirs(): void {
  for (const name of readdirSync(tmpdir())) {
    const m = new RegExp(`^${TEMP_PREFIX}(\\d+)-`).exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ESRCH") rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

export class JobRunner {
  readonly active = new Set<RunningChild>();

  constructor(private readonly s: JobRunnerSettings) {}

  /** BullMQ's processor. Refusals are UnrecoverableErrors (no retry); training errors are retried. */
  readonly process = async (job: Job, token?: string): Promise<SweepJobResult> => {
    let parsed;
    try {
      parsed = parseJobData(job.data);
    } catch (e) {
      throw new UnrecoverableError(`refused: ${(e as Error).message}`);
    }
    const { job: data, options } = parsed;
    const words = await this.s.store.getWords(data.words.sha256);
    if (!words)
      throw new UnrecoverableError(
        `refused: the words with sha256 ${data.words.sha256.slice(0, 12)}… are not in Redis (expired?); run the sweep again to store them`,
      );
    try {
      checkRunSize(options, dataShapeOf(words), this.s.maxParams);
    } catch (e) {
      throw new UnrecoverableError(`refused: ${(e as Error).message}`);
    }
    const key = runKeyOf(data.words.sha256, options);
    const stored = await this.s.store.getRun(key);
    const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
    if (stored) {
      writeFileSync(join(dir, TRAIN_STATE_FILE), stored.trainState);
      writeFileSync(join(dir, METRICS_FILE), stored.metrics);
      this.s.log(`${job.id}: continuing from its stored checkpoint at step ${stored.step}`);
    } else this.s.log(`${job.id}: starting`);
    const t0 = performance.now();
    const progress: SweepJobProgress = { step: stored?.step ?? 0, loss: NaN, worker: this.s.worker, stored: stored?.step ?? null };
    let lastReport = 0;
    const report = (force: boolean) => {
      const now = performance.now();
      if (!force && now - lastReport < PROGRESS_EVERY_MS) return;
      lastReport = now;
      job.updateProgress({ ...progress }).catch((e) => this.s.log(`${job.id}: progress not sent (${(e as Error).message})`));
    };
    const child = startChild(
      { words, options, workDir: dir, resume: stored !== null, reportCheckpoints: true },
      {
        onProgress: (p) => {
          Object.assign(progress, { step: p.step, loss: p.loss });
          report(false);
        },
        onCheckpoint: async (c) => {
          await this.s.store.putRun(key, { step: c.step, trainState: c.trainState, metrics: c.metrics });
          Object.assign(progress, { step: c.step, stored: c.step });
          report(true);
        },
      },
    );
    this.active.add(child);
    try {
      const d = await child.result;
      if (d.kind === "stopped") {
        if (!this.s.shuttingDown()) throw new Error("training stopped before its budget (its process was signalled)");
        await job.moveToWait(token); // its last checkpoint is stored: the next worker continues from it
        throw new WaitingError();
      }
      const files: Record<string, string> = {};
      for (const f of RESULT_FILES)
        if (existsSync(join(dir, f))) files[f] = readFileSync(join(dir, f)).toString(f.endsWith(".safetensors") ? "base64" : "utf8");
      return {
        v: 1,
        test_loss: d.testLoss,
        model_step: d.modelStep,
        steps: d.steps,
        best_eval: d.bestEval,
        time_s: d.timeS,
        wall_s: Math.round(performance.now() - t0) / 1000,
        resumed_from: d.resumedFrom,
        worker: this.s.worker,
        state_key: key,
        files,
      };
    } finally {
      this.active.delete(child);
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
