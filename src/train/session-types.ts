import type { LanguageModel } from "../models/config.js";
import type { ConfigFile } from "../models/checkpoint.js";
import type { Datasets } from "../data/split.js";
import type { RunConfig, LoopConfig } from "./defaults.js";

/** Options of startSession: any RunConfig/LoopConfig field (makemore's defaults for the rest). */
export interface SessionOptions extends Partial<RunConfig>, Partial<LoopConfig> {
  /** data-parallel worker threads (1: this thread only; default: one per core, 1 for the bigram) */
  workers?: number;
  /** yield to the event loop at least this often while training (default 2 ms; 0: after every step) */
  yieldEveryMs?: number;
  /** record each parameter's update:data ratio every step (the lecture's diagnostic; costs a little per step) */
  trackStats?: boolean;
}

/** One optimisation step has run. */
export interface StepEvent {
  kind: "step";
  step: number;
  loss: number;
  /** the learning rate this step used */
  lr: number;
  /** with trackStats: log10(std(lr·grad) / std(p)) per parameter (about -3 is healthy) */
  updateRatios?: Record<string, number>;
  stepMs: number;
  /** smoothed over recent steps */
  tokensPerSec: number;
}

/** makemore's evaluation: estimated train and test loss, and whether this is the best model so far. */
export interface EvalEvent {
  kind: "eval";
  step: number;
  trainLoss: number;
  testLoss: number;
  best: boolean;
  /**
   * An extra evaluation when a run stops between scheduled ones. It never changes which
   * scheduled evaluation holds the best model, so a resumed run ends exactly as an
   * uninterrupted one; until the next scheduled evaluation, the run's model is these weights
   * if they are better.
   */
  final: boolean;
  /** training seconds so far, over every resumed part of the run */
  elapsed: number;
  tokensPerSec: number;
  /** with trackStats: each parameter's mean update:data ratio (log10) over the steps since the last evaluation */
  updateRatios?: Record<string, number>;
  /** fp16 runs: the GradScaler's scale now, and the optimizer steps it skipped so far (inf/NaN gradients) */
  lossScaling?: { scale: number; skippedSteps: number };
}

/** Samples drawn at an evaluation, grouped as makemore prints them. */
export interface SamplesEvent {
  kind: "samples";
  step: number;
  words: string[];
  inTrain: string[];
  inTest: string[];
  fresh: string[];
}

/**
 * The run can be saved now (after each evaluation, and when it stops). `trainState()` encodes
 * everything needed to continue bit for bit (a train_state.safetensors); `modelFile()` the
 * run's model (its best weights so far) as one self-describing .safetensors, the config in its
 * metadata. Front ends decide where they go (files, IndexedDB, a queue).
 */
export interface CheckpointEvent {
  kind: "checkpoint";
  /** the next step a resumed run would take */
  step: number;
  /** the step whose weights modelFile() holds */
  modelStep: number;
  trainState(): Uint8Array;
  modelFile(): Uint8Array;
}

export type StopReason = "steps" | "time" | "stopped";

export interface StopEvent {
  kind: "stop";
  /** the next step a resumed run would take */
  step: number;
  reason: StopReason;
  bestLoss: number | null;
}

export type SessionEvent = StepEvent | EvalEvent | SamplesEvent | CheckpointEvent | StopEvent;

/**
 * The one training core. The CLI, trainModel, the playground's Worker and sweep workers all
 * drive it: they start it, hand it an event sink, and send commands; none of them trains.
 */
export interface TrainingSession {
  readonly model: LanguageModel;
  readonly data: Datasets;
  readonly runConfig: RunConfig;
  readonly loopConfig: LoopConfig;
  readonly config: ConfigFile;
  /** threads actually used */
  readonly workers: number;
  /** the next step to run */
  readonly step: number;
  readonly bestLoss: number | null;
  readonly paused: boolean;

  /** Trains until a budget ends or stop() is called, yielding to the event loop between steps. */
  start(onEvent: (e: SessionEvent) => void): Promise<StopEvent>;
  pause(): void;
  play(): void;
  /** While paused: run exactly one more step (with its evaluation, if one falls on it). */
  stepOnce(): void;
  /** Ends the run after the current step; it then evaluates and checkpoints once more. */
  stop(): void;
  /** Frees the worker threads. */
  close(): Promise<void>;
}
