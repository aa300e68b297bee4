// The child process that trains one sweep run: a work dir written as the CLI writes it (RunDir),
// one worker thread, then the full test loss of the model the dir holds. Started by child-run.ts.
import "../backend/native/register.js"; // "native" for createBackend, as in the CLI
import { readFileSync } from "node:fs";
import { backendChoiceFromEnv, createBackend, useBackend } from "../backend/index.js";
import { join } from "node:path";
import { RunDir } from "../train/run-dir.js";
import { resumeSession, startSession } from "../train/session.js";
import { fullLoss } from "../train/evaluate.js";
import { METRICS_FILE, evalRecord, type EvalRecord } from "../train/metrics.js";
import { TRAIN_STATE_FILE, decodeTrainState, modelWeightsOf, type TrainStateMeta } from "../train/state.js";
import { buildModel } from "../models/checkpoint.js";
import type { SessionEvent, SessionOptions, TrainingSession } from "../train/session-types.js";
import type { ChildDone, ChildMessage, ChildStart, ChildStopped, ParentMessage } from "./child-protocol.js";

const PROGRESS_EVERY_MS = 250;

useBackend(createBackend(backendChoiceFromEnv())); // the CLI's kernels (MAKEMORE_BACKEND), so a run here equals one there

const send = (m: ChildMessage): void => void process.send?.(m);
/** The last message: the channel closes once it is written, and the process ends when its work is done. */
const sendLast = (m: ChildMessage): void => {
  finished = true;
  process.send?.(m, undefined, {}, () => process.disconnect());
};
let finished = false;

let session: TrainingSession | null = null;
let stopAsked = false;
const stop = () => {
  stopAsked = true;
  session?.stop();
};

// the parent is gone (killed with its worker): nobody would take this run's results
process.on("disconnect", () => finished || process.exit(1));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
process.on("message", (m: ParentMessage) => {
  if (m.kind === "stop") stop();
  else if (m.kind === "start")
    train(m).then(
      (done) => sendLast(done),
      (e) => sendLast({ kind: "error", message: (e as Error).message }),
    );
});

async function train(m: ChildStart): Promise<ChildDone | ChildStopped> {
  const options = { ...m.options, workers: 1, naming: "flag" as const };
  const notices: string[] = [];
  const log = (line: string) => notices.push(line);
  let runDir: RunDir;
  let resumedFrom: number | null = null;
  if (m.resume) {
    const opened = RunDir.forResume(m.workDir, log);
    runDir = opened.runDir;
    try {
      if (!opened.state) throw new Error(`${m.workDir} has no training state to resume`);
      session = await resumeSession(m.words, opened.state, { ...options, ...remainingBudget(options, opened.state.meta) });
      resumedFrom = session.step;
    } catch (e) {
      await runDir.close();
      throw e;
    }
  } else {
    session = await startSession(m.words, options); // before the dir is touched, as the CLI does
    try {
      runDir = RunDir.forNewRun(m.workDir, { force: true, log });
    } catch (e) {
      await session.close();
      throw e;
    }
  }
  if (stopAsked) session.stop();
  try {
    const end = await session.start(events(session, runDir, m));
    if (end.reason === "stopped") return { kind: "stopped", step: end.step };
    return { ...finalResult(m.workDir, session), resumedFrom };
  } finally {
    await runDir.close();
    await session.close();
  }
}

/**
 * A sweep's --max-time is the run's training time over all its parts: a run continued after a
 * kill gets what its earlier parts left (the session counts the time of its own part only).
 */
function remainingBudget(o: SessionOptions, meta: TrainStateMeta): Partial<SessionOptions> {
  if (!o.maxTime) return {};
  const left = o.maxTime - meta.elapsed;
  return left > 0 ? { maxTime: left } : { maxSteps: meta.step }; // nothing left: stop where it stands
}

/** The trainer's checkpointing (trainer.ts), without printing: each evaluation's record goes in with its commit. */
function events(s: TrainingSession, runDir: RunDir, m: ChildStart): (e: SessionEvent) => void {
  let pending: EvalRecord | null = null;
  let lastProgress = 0;
  return (e) => {
    if (e.kind === "step") {
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        send({ kind: "progress", step: e.step, loss: e.loss });
      }
    } else if (e.kind === "eval") {
      pending = evalRecord(e);
    } else if (e.kind === "checkpoint") {
      runDir.commit(e, pending, s.config);
      pending = null;
      if (m.reportCheckpoints)
        send({ kind: "checkpoint", step: e.step, trainState: e.trainState(), metrics: readFileSync(join(m.workDir, METRICS_FILE), "utf8") });
    }
  };
}

/** What the committed work dir holds: its model (the one model.safetensors has) and its full test loss. */
function finalResult(dir: string, s: TrainingSession): Omit<ChildDone, "resumedFrom"> {
  const path = join(dir, TRAIN_STATE_FILE);
  const state = decodeTrainState(readFileSync(path), path);
  const chosen = modelWeightsOf(state);
  if (!chosen) throw new Error(`${dir} holds no evaluated model`);
  const { model } = buildModel(state.config, chosen.weights);
  const testLoss = fullLoss(model, s.data.test);
  const records = readFileSync(join(dir, METRICS_FILE), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EvalRecord);
  const best = records.filter((r) => r.step === chosen.step).at(-1);
  return {
    kind: "done",
    testLoss,
    modelStep: chosen.step,
    steps: state.meta.step,
    timeS: round(state.meta.elapsed),
    bestEval: best ? { step: best.step, train_loss: best.train_loss, test_loss: best.test_loss } : null,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
