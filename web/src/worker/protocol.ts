import type { ConfigFile, EmbeddingProjection, EvalEvent, SamplesEvent, SessionOptions, StopEvent } from "makemore";

/** What a run continues from: a kept run's exact training state, or a model's weights alone. */
export type ResumeFrom = { trainState: Uint8Array } | { model: Uint8Array };

/** Commands from the page to the training Worker. */
export type Command =
  /** paused: start paused and take one step (Step pressed before Train) */
  | { cmd: "start"; words: string[]; options: SessionOptions; resume?: ResumeFrom; paused?: boolean }
  | { cmd: "pause" }
  | { cmd: "play" }
  | { cmd: "step" }
  | { cmd: "stop" };

/** What the page needs to know about a run once it has started. */
export interface RunInfo {
  config: ConfigFile;
  parameters: number;
  trainWords: number;
  testWords: number;
  workers: number;
  /** the step the run starts from (0, or where a resumed run stood) */
  fromStep: number;
  /** every parameter's name and shape (the update-ratio chart draws the 2-D ones) */
  parameterShapes: [string, number[]][];
}

/** A batch of step events: the Worker sends them at most every few frames, not once per step. */
export interface StepBatch {
  steps: number[];
  losses: number[];
  /** each step's time (the session's stepMs: the optimisation step alone) */
  stepMs: number[];
  tokensPerSec: number;
  /** with trackStats: each parameter's update:data ratio (log10) at each of these steps */
  updateRatios?: Record<string, number[]>;
}

/** Events from the training Worker to the page. */
export type WorkerEvent =
  | { ev: "ready"; isolated: boolean; backend: string; cores: number }
  | { ev: "started"; info: RunInfo }
  | { ev: "steps"; batch: StepBatch }
  | { ev: "eval"; e: EvalEvent }
  | { ev: "samples"; e: SamplesEvent }
  /** the token embedding of the weights just evaluated, in the plane (the library's projection) */
  | { ev: "embedding"; step: number; projection: EmbeddingProjection }
  /** modelFile: the run's best model as one self-describing .safetensors; trainState: to continue bit for bit */
  | { ev: "checkpoint"; step: number; modelStep: number; trainState: Uint8Array; modelFile: Uint8Array }
  | { ev: "paused"; step: number }
  | { ev: "playing" }
  | { ev: "stopped"; e: StopEvent }
  | { ev: "error"; message: string };

/** The first message a data-parallel sub-worker gets (it is the same script, named DP_NAME). */
export const DP_NAME = "makemore-data-parallel";
