import type { EmbeddingProjection, EvalEvent, SamplesEvent, SessionOptions, StopEvent } from "makemore";
import { withDefaults, type Settings } from "../settings/flags.js";
import type { WordList } from "../data/words.js";
import type { Command, ResumeFrom, RunInfo, StepBatch, WorkerEvent } from "../worker/protocol.js";
import { Observable } from "./observable.js";
import { RatioSeries } from "./ratio-series.js";
import { putRun, thin, type KeptRun } from "./runs-db.js";

export type RunStatus = "idle" | "starting" | "running" | "paused" | "stopping" | "done" | "error";

export interface RunState {
  status: RunStatus;
  /** one line for the status bar; contains "done" when the step budget ended the run */
  message: string;
  info: RunInfo | null;
  settings: Settings | null;
  /** steps taken so far (the next step's index) */
  stepsDone: number;
  stepMs: number | null;
  tokensPerSec: number | null;
  evals: EvalEvent[];
  samples: SamplesEvent | null;
  /** the run's model (its best weights so far), one self-describing .safetensors */
  bestModel: Uint8Array | null;
  /** the step whose weights bestModel holds */
  modelStep: number | null;
  trainState: Uint8Array | null;
  /** the IndexedDB key of this run */
  runId: string | null;
  /** the token embedding at the newest evaluation of the run training on this page */
  embedding: { step: number; projection: EmbeddingProjection } | null;
}

const IDLE: RunState = {
  status: "idle",
  message: "ready",
  info: null,
  settings: null,
  stepsDone: 0,
  stepMs: null,
  tokensPerSec: null,
  evals: [],
  samples: null,
  bestModel: null,
  modelStep: null,
  trainState: null,
  runId: null,
  embedding: null,
};

const STOP_WORDS: Record<StopEvent["reason"], string> = {
  steps: "done: the step budget is spent",
  time: "done: the time budget is spent",
  stopped: "stopped",
};

/** The page's side of the training Worker: sends commands, folds events into RunState, keeps runs. */
export class RunController {
  readonly state = new Observable<RunState>(IDLE);
  /** per-step losses, appended in place (the chart reads them; too many for component state) */
  readonly curve = { steps: [] as number[], losses: [] as number[], version: new Observable(0) };
  /** with trackStats: the update:data ratios of the run training on this page */
  readonly ratios = new RatioSeries();
  readonly env = new Observable<{ isolated: boolean | null; backend: string; cores: number }>({ isolated: null, backend: "…", cores: 1 });
  private worker: Worker | null = null;
  private words: WordList | null = null;
  private createdAt = 0;
  private saving: Promise<unknown> = Promise.resolve();

  constructor() {
    this.spawn();
  }

  private spawn(): void {
    this.worker = new Worker(new URL("../worker/train-worker.ts", import.meta.url), { type: "module", name: "makemore-training" });
    this.worker.onmessage = (e: MessageEvent<WorkerEvent>) => this.onEvent(e.data);
    this.worker.onerror = (e) => this.fail(`the training worker failed: ${e.message || "it could not start"}`);
  }

  private send(c: Command): void {
    this.worker?.postMessage(c);
  }

  /**
   * A fresh run; or, with a training state, the run on the page continued bit for bit (its
   * curve, evaluations and IndexedDB entry carry on); or a kept run given as `from`.
   */
  start(settings: Settings, words: WordList, resume?: ResumeFrom & { from?: KeptRun }, paused = false): void {
    const { workers, ...rest } = settings;
    const options: SessionOptions = { ...rest, ...(workers === null ? {} : { workers }) };
    const now = this.state.value;
    const continuing = resume !== undefined && "trainState" in resume && !resume.from && now.runId !== null;
    this.words = words;
    const from = resume?.from;
    if (!continuing) {
      this.curve.steps.length = 0;
      this.curve.losses.length = 0;
      if (from) {
        this.curve.steps.push(...from.curve.steps);
        this.curve.losses.push(...from.curve.losses);
      }
      this.curve.version.set(this.curve.version.value + 1);
      this.createdAt = from?.createdAt ?? Date.now();
    }
    if (!continuing) this.ratios.reset();
    this.state.set({
      ...IDLE,
      status: "starting",
      message: resume ? "resuming…" : "starting…",
      settings,
      embedding: continuing ? now.embedding : null,
      evals: continuing ? now.evals : (from?.evals ?? []),
      samples: continuing ? now.samples : (from?.samples ?? null),
      bestModel: continuing ? now.bestModel : null,
      modelStep: continuing ? now.modelStep : null,
      runId: continuing ? now.runId : (from?.id ?? `run-${Date.now().toString(36)}`),
    });
    const cmd: Command = { cmd: "start", words: words.words, options, paused };
    if (resume) cmd.resume = "trainState" in resume ? { trainState: resume.trainState } : { model: resume.model };
    this.send(cmd);
  }

  pause = () => this.send({ cmd: "pause" });
  play = () => this.send({ cmd: "play" });
  step = () => this.send({ cmd: "step" });

  stop = () => {
    if (this.state.value.status === "running" || this.state.value.status === "paused")
      this.state.update({ status: "stopping", message: "stopping after this step…" });
    this.send({ cmd: "stop" });
  };

  /** Forgets the run on the page (it stays in the kept runs) and starts a fresh Worker. */
  reset = () => {
    this.worker?.terminate();
    this.curve.steps.length = 0;
    this.curve.losses.length = 0;
    this.curve.version.set(this.curve.version.value + 1);
    this.ratios.reset();
    this.state.set(IDLE);
    this.spawn();
  };

  /** Shows a kept run (after a reload, or picked from the list) without training it. */
  show(run: KeptRun): void {
    this.createdAt = run.createdAt;
    this.curve.steps.splice(0, Infinity, ...run.curve.steps);
    this.curve.losses.splice(0, Infinity, ...run.curve.losses);
    this.curve.version.set(this.curve.version.value + 1);
    this.ratios.reset();
    const last = run.evals[run.evals.length - 1];
    this.state.set({
      ...IDLE,
      status: run.status === "done" ? "done" : "idle",
      message: run.status === "done" ? `${STOP_WORDS.steps} (kept run)` : `kept run, stopped at step ${run.stepsDone}`,
      info: run.info,
      settings: withDefaults(run.settings),
      stepsDone: run.stepsDone,
      evals: run.evals,
      samples: run.samples,
      bestModel: run.bestModel,
      modelStep: run.modelStep,
      trainState: run.trainState,
      runId: run.id,
      tokensPerSec: last?.tokensPerSec ?? null,
    });
  }

  private onEvent(e: WorkerEvent): void {
    const s = this.state.value;
    switch (e.ev) {
      case "ready":
        return this.env.set({ isolated: e.isolated, backend: e.backend, cores: e.cores });
      case "started":
        this.ratios.track(e.info.parameterShapes);
        return this.state.update({
          status: "running",
          message: `training ${e.info.config.type} in ${e.info.workers} thread${e.info.workers > 1 ? "s" : ""}`,
          info: e.info,
          stepsDone: e.info.fromStep,
        });
      case "steps":
        return this.onSteps(e.batch);
      case "eval":
        return this.state.update({ evals: [...s.evals, e.e] });
      case "samples":
        return this.state.update({ samples: e.e });
      case "embedding":
        return this.state.update({ embedding: { step: e.step, projection: e.projection } });
      case "checkpoint":
        this.state.update({ trainState: e.trainState, bestModel: e.modelFile, modelStep: e.modelStep });
        return this.keep();
      case "paused":
        return this.state.update({ status: "paused", message: "paused", stepsDone: Math.max(e.step, s.stepsDone) });
      case "playing":
        return this.state.update({
          status: "running",
          message:
            s.message === "paused"
              ? `training ${s.info?.config.type ?? ""} in ${s.info?.workers ?? 1} thread${(s.info?.workers ?? 1) > 1 ? "s" : ""}`
              : s.message,
        });
      case "stopped":
        this.state.update({ status: "done", message: `${STOP_WORDS[e.e.reason]} after ${e.e.step} steps`, stepsDone: e.e.step });
        return this.keep();
      case "error":
        return this.fail(e.message);
    }
  }

  private onSteps(b: StepBatch): void {
    this.curve.steps.push(...b.steps);
    this.curve.losses.push(...b.losses);
    this.curve.version.set(this.curve.version.value + 1);
    if (b.updateRatios) this.ratios.add(b.steps, b.updateRatios);
    this.state.update({ stepsDone: b.steps[b.steps.length - 1] + 1, stepMs: median(b.stepMs), tokensPerSec: b.tokensPerSec });
  }

  private fail(message: string): void {
    this.state.update({ status: "error", message: `makemore: ${message.split("\n")[0]}` });
  }

  /** Writes the run to IndexedDB, one write at a time, so a reload finds the newest checkpoint. */
  private keep(): void {
    const s = this.state.value;
    if (!s.runId || !s.settings || !this.words) return;
    const run: KeptRun = {
      id: s.runId,
      name: `${s.settings.type} on ${this.words.source}`,
      createdAt: this.createdAt,
      updatedAt: Date.now(),
      settings: s.settings,
      source: this.words.source,
      text: this.words.text,
      info: s.info,
      evals: s.evals,
      samples: s.samples,
      curve: thin(this.curve.steps, this.curve.losses),
      stepsDone: s.stepsDone,
      status: s.status === "done" && s.message.startsWith("done") ? "done" : "stopped",
      bestModel: s.bestModel,
      modelStep: s.modelStep,
      trainState: s.trainState,
    };
    this.saving = this.saving.then(() => putRun(run)).catch((err: unknown) => console.warn("could not keep the run in IndexedDB:", err));
  }
}

/** The median of a batch's step times: steady where one step caught a garbage collection. */
function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
