// Messages between a sweep's process (the local pool or a queue worker) and the child process
// that trains one run. The engine's state is per process (the default generator, the active
// backend), so each run trains in a process of its own; Node's "advanced" IPC serialization
// carries the checkpoint bytes as they are.
import type { SessionOptions } from "../train/session-types.js";

/** What the child trains: the words, the run's options, and the work dir it writes like the CLI. */
export interface ChildStart {
  kind: "start";
  words: string[];
  options: SessionOptions;
  workDir: string;
  /** continue the run in workDir from its train_state.safetensors */
  resume: boolean;
  /** send each checkpoint's bytes back (a queue worker stores them for whoever resumes the job) */
  reportCheckpoints: boolean;
}

/** Ends the run after the current step, with a final evaluation and checkpoint. */
export interface ChildStop {
  kind: "stop";
}

export type ParentMessage = ChildStart | ChildStop;

export interface ChildProgress {
  kind: "progress";
  step: number;
  loss: number;
}

export interface ChildCheckpoint {
  kind: "checkpoint";
  /** the next step a resumed run would take */
  step: number;
  trainState: Uint8Array;
  /** metrics.jsonl as committed with this checkpoint */
  metrics: string;
}

export interface ChildDone {
  kind: "done";
  /** full test loss of the run's model (what model.safetensors holds) */
  testLoss: number;
  modelStep: number;
  steps: number;
  bestEval: { step: number; train_loss: number; test_loss: number } | null;
  timeS: number;
  /** the step this process continued from, or null for a fresh start */
  resumedFrom: number | null;
}

/** A stop message or a signal ended the run before its budget; its last checkpoint is committed (if it took a step). */
export interface ChildStopped {
  kind: "stopped";
  step: number;
}

export interface ChildError {
  kind: "error";
  message: string;
}

export type ChildMessage = ChildProgress | ChildCheckpoint | ChildDone | ChildStopped | ChildError;
