import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import { acquireLock, type Lock } from "../io/lock.js";
import { decodeSafetensors } from "../io/safetensors.js";
import { decodeModelFile, encodeModelFile, type ConfigFile } from "../models/checkpoint.js";
import { MetricsLog, METRICS_FILE, PLOT_FILE, type EvalRecord } from "./metrics.js";
import { TRAIN_STATE_FILE, decodeTrainState, modelWeightsOf, type TrainState } from "./state.js";
import { CONFIG_FILE, MODEL_FILE, writeModelExports } from "./workdir.js";
import type { CheckpointEvent } from "./session-types.js";

export const LOCK_FILE = "makemore.lock";
/** The files of a run, in the order an archive moves them: the commit point, train_state, last. */
const RUN_FILES = [PLOT_FILE, METRICS_FILE, MODEL_FILE, CONFIG_FILE, TRAIN_STATE_FILE];

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * A training run's work dir, held under a lock for as long as the run is open. Its commit
 * point is train_state.safetensors (written atomically, holding the run's config, current and
 * best weights): a kill at any moment leaves the last committed run, which every command reads.
 * model.safetensors, config.json, metrics.jsonl and loss.svg are written around it.
 */
export class RunDir {
  private readonly lock: Lock;
  readonly metrics: MetricsLog;
  private exportedStep: number | null = null;
  private plotting: Promise<unknown> = Promise.resolve();
  /** the checkpoint's own extra evaluation, in metrics.jsonl until the resumed run moves on */
  private finalInLog: number | null = null;

  private constructor(
    readonly dir: string,
    log: (line: string) => void,
  ) {
    mkdirSync(dir, { recursive: true });
    this.lock = acquireLock(join(dir, LOCK_FILE), `work dir ${dir}`, log);
    this.removeStaleTemporaries();
    this.metrics = new MetricsLog(dir);
  }

  /**
   * Opens `dir` for a new run: refuses one that holds a run, unless `force`, which first moves
   * the old run into DIR/archive/<time>/ (nothing is deleted).
   */
  static forNewRun(dir: string, o: { force: boolean; log: (line: string) => void }): RunDir {
    const rd = new RunDir(dir, o.log);
    try {
      if (rd.holdsRun()) {
        if (!o.force)
          throw new Error(
            `${dir} holds a run already: continue it with --resume, or start a new one with --force (which moves the old run to ${join(dir, "archive")}/)`,
          );
        o.log(`moved the previous run to ${rd.archive()}`);
      }
      rd.metrics.reset();
      return rd;
    } catch (e) {
      void rd.close();
      throw e;
    }
  }

  /** Opens `dir` to continue its run: its checkpoint, or null for a dir with only a model (e.g. a PyTorch export). */
  static forResume(dir: string, log: (line: string) => void): { runDir: RunDir; state: TrainState | null } {
    if (!existsSync(join(dir, TRAIN_STATE_FILE)) && !existsSync(join(dir, CONFIG_FILE)))
      throw new Error(`--resume: no run to resume in ${dir} (neither ${TRAIN_STATE_FILE} nor ${CONFIG_FILE} is there)`);
    const rd = new RunDir(dir, log);
    try {
      const state = rd.readState();
      if (state) {
        rd.exportedStep = rd.repairExports(state);
        rd.finalInLog = state.meta.final?.step ?? null;
        rd.metrics.resumeAt(state.meta.step, rd.finalInLog);
      } else rd.metrics.resumeAt(0);
      return { runDir: rd, state };
    } catch (e) {
      void rd.close();
      throw e;
    }
  }

  /**
   * Rolls the copies forward to the commit: after a kill between train_state's rename and
   * model.safetensors', the latter holds an older model. Returns the step of the model on disk.
   */
  private repairExports(state: TrainState): number | null {
    const chosen = modelWeightsOf(state);
    if (!chosen) return null;
    const path = join(this.dir, MODEL_FILE);
    let onDisk: number | null = null;
    try {
      onDisk = existsSync(path) ? decodeModelFile(readFileSync(path), path).step : null;
    } catch {
      onDisk = null; // unreadable or not ours: rewritten below
    }
    if (onDisk !== chosen.step || !existsSync(join(this.dir, CONFIG_FILE)))
      writeModelExports(this.dir, encodeModelFile(chosen.weights, state.config, { step: chosen.step }), state.config);
    return chosen.step;
  }

  private holdsRun(): boolean {
    return [TRAIN_STATE_FILE, MODEL_FILE, CONFIG_FILE].some((f) => existsSync(join(this.dir, f)));
  }

  private readState(): TrainState | null {
    const path = join(this.dir, TRAIN_STATE_FILE);
    if (!existsSync(path)) return null;
    const bytes = readFileSync(path);
    if (decodeSafetensors(bytes, path).metadata.format !== "makemore")
      throw new Error(
        `${path} was written by an older makemore and cannot be resumed: start a new run with --force (the old one is kept in ${join(this.dir, "archive")}/)`,
      );
    return decodeTrainState(bytes, path);
  }

  /** Moves the run's files aside, the commit point last, so a kill midway leaves the old run readable or none. */
  private archive(): string {
    const to = join(this.dir, "archive", new Date().toISOString().replace(/[:.]/g, "-"));
    mkdirSync(to, { recursive: true });
    for (const f of RUN_FILES) if (existsSync(join(this.dir, f))) renameSync(join(this.dir, f), join(to, f));
    return to;
  }

  /** Temporary files of writers that were killed (atomic writes leave `.NAME.PID.tmp` behind). */
  private removeStaleTemporaries(): void {
    for (const name of readdirSync(this.dir)) {
      const m = /^\..+\.(\d+)\.tmp$/.exec(name);
      if (m && Number(m[1]) !== process.pid && !pidAlive(Number(m[1]))) rmSync(join(this.dir, name), { force: true });
    }
  }

  /**
   * Saves a checkpoint: the evaluation's metrics line (dropped again by a resume if the commit
   * does not happen), the train state (the commit), then the model files if the model changed.
   */
  commit(event: CheckpointEvent, record: EvalRecord | null, config: ConfigFile): void {
    if (this.finalInLog !== null) {
      this.metrics.dropFinal(); // a checkpoint follows new steps: the old extra evaluation is no longer the run's
      this.finalInLog = null;
    }
    if (record) this.metrics.append(record);
    writeFileAtomic(join(this.dir, TRAIN_STATE_FILE), event.trainState());
    if (event.modelStep !== this.exportedStep || !existsSync(join(this.dir, MODEL_FILE))) {
      writeModelExports(this.dir, event.modelFile(), config);
      this.exportedStep = event.modelStep;
    }
    this.plotting = this.metrics.writePlot();
  }

  /** Waits for the last plot, then releases the lock. */
  async close(): Promise<void> {
    await this.plotting;
    this.lock.release();
  }
}
