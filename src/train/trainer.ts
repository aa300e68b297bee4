// The CLI's front end of a training run: files, progress, printing and signals. The training
// itself is the session's (session.ts), which trainModel and the playground drive too.
import { join } from "node:path";
import { readWordsFile } from "../data/read-words-file.js";
import { readWorkDirModel } from "./workdir.js";
import { MODEL_FILE } from "./workdir.js";
import { createProgress } from "./progress.js";
import { formatSamples } from "./samples-report.js";
import { RunDir } from "./run-dir.js";
import { resumeSession, startSession } from "./session.js";
import { evalRecord, type EvalRecord } from "./metrics.js";
import type { LoopConfig, RunConfig } from "./defaults.js";
import type { SessionEvent, TrainingSession } from "./session-types.js";

export interface TrainOptions extends RunConfig, LoopConfig {
  inputFile: string;
  workDir: string;
  resume: boolean;
  /** start over in a work dir that holds a run (moving it to archive/), or resume with changed settings */
  force: boolean;
  quiet?: boolean;
  /** data-parallel worker threads (1: train in this thread; undefined: defaultWorkersFor the model) */
  workers?: number;
  /** record update:data ratios into metrics.jsonl */
  trackStats?: boolean;
  /** the run settings the user gave explicitly (a resume checks them against the run's) */
  explicit?: ReadonlySet<keyof RunConfig>;
}

const EXIT_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** makemore's training loop with evaluation, best-model checkpoints, exact resume and a time budget. */
export async function train(o: TrainOptions): Promise<void> {
  const words = readWordsFile(o.inputFile);
  const early: string[] = [];
  const log = (line: string) => early.push(line);
  const loop: Partial<LoopConfig> = {
    maxSteps: o.maxSteps,
    maxTime: o.maxTime,
    evalEvery: o.evalEvery,
    numSamples: o.numSamples,
    temperature: o.temperature,
    topK: o.topK,
  };
  let runDir: RunDir;
  let session: TrainingSession;
  if (o.resume) {
    const opened = RunDir.forResume(o.workDir, log);
    runDir = opened.runDir;
    const given: Partial<RunConfig> = {};
    for (const k of o.explicit ?? []) (given as Record<string, unknown>)[k] = o[k];
    try {
      if (opened.state)
        session = await resumeSession(words, opened.state, {
          ...loop,
          ...given,
          workers: o.workers,
          trackStats: o.trackStats,
          allowChanges: o.force,
          naming: "flag",
        });
      else session = await continueFromWeights(words, o, loop, log);
    } catch (e) {
      await runDir.close();
      throw e;
    }
  } else {
    session = await startSession(words, { ...o, workers: o.workers, trackStats: o.trackStats, naming: "flag" }); // before the dir is touched: bad words or flags leave nothing behind
    try {
      runDir = RunDir.forNewRun(o.workDir, { force: o.force, log });
    } catch (e) {
      await session.close();
      throw e;
    }
  }
  try {
    await drive(session, runDir, o, early, words.length);
  } finally {
    await runDir.close();
    await session.close();
  }
}

/** --resume on a work dir with a model but no training state (e.g. exported by PyTorch): its weights, a fresh optimizer. */
async function continueFromWeights(words: string[], o: TrainOptions, loop: Partial<LoopConfig>, log: (l: string) => void): Promise<TrainingSession> {
  const saved = readWorkDirModel(o.workDir);
  const c = saved.config;
  log(`no training state in ${o.workDir}: continuing from the saved weights with a fresh optimizer`);
  const session = await startSession(words, {
    ...o,
    ...loop,
    type: c.type,
    nLayer: c.n_layer,
    nHead: c.n_head,
    nEmbd: c.n_embd,
    nEmbd2: c.n_embd2,
    workers: o.workers,
    naming: "flag",
  });
  if (session.config.vocab !== c.vocab || session.config.block_size !== c.block_size) {
    await session.close();
    throw new Error(`${o.inputFile} is not the file the model in ${o.workDir} was trained on (its vocabulary or longest word differ)`);
  }
  session.model.loadStateDict(saved.model.stateDict());
  return session;
}

async function drive(session: TrainingSession, runDir: RunDir, o: TrainOptions, early: string[], wordsRead: number): Promise<void> {
  const { model, data } = session;
  const firstStep = session.step;
  const progress = createProgress({ maxSteps: o.maxSteps, maxTime: o.maxTime, startStep: firstStep, quiet: o.quiet });
  for (const l of early) progress.log(l);
  const asked = o.workers;
  if (asked !== undefined && asked > session.workers) progress.log(`training in ${session.workers} thread(s): the batch is too small to split further`);
  const resumed = o.resume && firstStep > 0;
  if (session.runConfig.dedupe) progress.log(`--dedupe: ${wordsRead - data.train.length - data.test.length} duplicate lines dropped before the split`);
  progress.log(
    `${resumed ? "resuming" : "training"} ${model.type} (${model.numParameters()} parameters) on ${data.train.length} words` +
      ` (${data.test.length} held out), vocab ${data.vocab.size}, block size ${data.blockSize}${resumed ? `, from step ${firstStep}` : ""}`,
  );
  const r = session.runConfig;
  if (r.precision !== "fp32" || r.activationCheckpointing)
    progress.log(
      `activations in ${r.precision}${r.precision === "fp16" ? " with loss scaling" : ""}${r.activationCheckpointing ? ", recomputed in backward (activation checkpointing)" : ""}; weights and AdamW state in float32`,
    );

  let signal: NodeJS.Signals | null = null;
  const onSignal = (sig: NodeJS.Signals) => {
    if (signal) process.exit(EXIT_CODES[sig]); // a second signal: every file on disk is complete already
    signal = sig;
    progress.log(`${sig === "SIGINT" ? "interrupted" : "terminated"} at step ${session.step}: saving (press Ctrl-C again to quit at once)`);
    session.stop();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  let pending: EvalRecord | null = null;
  const onEvent = (e: SessionEvent) => {
    switch (e.kind) {
      case "step":
        progress.step(e);
        break;
      case "eval":
        progress.log(`step ${e.step} train loss: ${e.trainLoss} test loss: ${e.testLoss}`);
        if (e.lossScaling) progress.log(`loss scale ${e.lossScaling.scale}, ${e.lossScaling.skippedSteps} step(s) skipped for inf/NaN gradients`);
        if (e.best) progress.log(`test loss ${e.testLoss} is the best so far, saving model to ${join(o.workDir, MODEL_FILE)}`);
        pending = evalRecord(e);
        break;
      case "samples":
        progress.log(formatSamples(e.words, data.train, data.test));
        break;
      case "checkpoint":
        runDir.commit(e, pending, session.config);
        pending = null;
        break;
      case "stop":
        break;
    }
  };
  let stop;
  try {
    stop = await session.start(onEvent);
  } finally {
    progress.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  const why = signal ? (signal === "SIGINT" ? "interrupted" : "terminated") : stop.reason === "time" ? "time budget reached" : "step budget reached";
  if (stop.step === firstStep) console.log(`${why} before any step ran (the run stands at step ${stop.step}); nothing new saved in ${o.workDir}`);
  else console.log(`${why} after step ${stop.step - 1}; best test loss ${stop.bestLoss?.toFixed(4) ?? "n/a"}; model in ${o.workDir}`);
  if (signal) {
    console.log(`continue with: makemore -i ${o.inputFile} -o ${o.workDir} --resume`);
    process.exitCode = EXIT_CODES[signal];
  }
}
