import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import { writeLossPlot } from "../inspect/plots/render.js";
import type { EvalEvent } from "./session-types.js";

export const METRICS_FILE = "metrics.jsonl";
export const PLOT_FILE = "loss.svg";

export interface EvalRecord {
  step: number;
  train_loss: number;
  test_loss: number;
  best: boolean;
  /** training seconds so far (evaluation excluded) */
  time_s: number;
  tokens_per_s: number;
  /** the extra evaluation of a run stopped between scheduled ones (a resumed run drops it) */
  final?: boolean;
  /** with --track-stats: each parameter's mean log10(std(lr·grad) / std(p)) since the last evaluation */
  update_ratios?: Record<string, number>;
  /** with fp16: the GradScaler's scale, and the steps it skipped so far */
  loss_scale?: number;
  skipped_steps?: number;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The metrics.jsonl line of a session's evaluation. */
export function evalRecord(e: EvalEvent): EvalRecord {
  return {
    step: e.step,
    train_loss: e.trainLoss,
    test_loss: e.testLoss,
    best: e.best,
    time_s: round3(e.elapsed),
    tokens_per_s: Math.round(e.tokensPerSec),
    ...(e.final ? { final: true } : {}),
    ...(e.updateRatios ? { update_ratios: e.updateRatios } : {}),
    ...(e.lossScaling ? { loss_scale: e.lossScaling.scale, skipped_steps: e.lossScaling.skippedSteps } : {}),
  };
}

/** metrics.jsonl (one line per evaluation) and the loss.svg drawn from it. */
export class MetricsLog {
  private records: EvalRecord[] = [];

  constructor(private readonly dir: string) {}

  /** A fresh run starts an empty log. */
  reset(): void {
    this.records = [];
    writeFileSync(join(this.dir, METRICS_FILE), "");
  }

  /**
   * A resumed run keeps the evaluations up to its checkpoint and drops any it will redo; of the
   * extra evaluations of stopped runs, only the checkpoint's own (`finalAt`) stays, until
   * dropFinal() (the resumed run has moved on).
   */
  resumeAt(step: number, finalAt: number | null = null): void {
    const path = join(this.dir, METRICS_FILE);
    this.records = [];
    if (existsSync(path)) {
      for (const line of readFileSync(path, "utf8").split("\n")) {
        if (!line.trim()) continue;
        try {
          const r = JSON.parse(line) as EvalRecord;
          if (r.step < step && (!r.final || r.step === finalAt)) this.records.push(r);
        } catch {
          // a line cut by a kill mid-append: the evaluation is redone
        }
      }
    }
    writeFileAtomic(path, this.records.map((r) => JSON.stringify(r) + "\n").join(""));
  }

  dropFinal(): void {
    this.records = this.records.filter((r) => !r.final);
    writeFileAtomic(join(this.dir, METRICS_FILE), this.records.map((r) => JSON.stringify(r) + "\n").join(""));
  }

  append(r: EvalRecord): void {
    this.records.push(r);
    appendFileSync(join(this.dir, METRICS_FILE), JSON.stringify(r) + "\n");
  }

  /** Redraws loss.svg (rendered asynchronously, in order; the run awaits the last before it ends). */
  writePlot(): Promise<unknown> {
    return writeLossPlot(join(this.dir, PLOT_FILE), this.records);
  }
}
