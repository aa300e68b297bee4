import { mkdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { Generator, defaultGenerator, manualSeed } from "../random/generator.js";
import { readWordsFile } from "../data/read-words-file.js";
import { createDatasets, type Datasets } from "../data/split.js";
import { createModel, type LanguageModel, type ModelType } from "../models/index.js";
import { modelConfigOf } from "../models/checkpoint.js";
import { withoutInit } from "../nn/init.js";
import { Vocab } from "../data/vocab.js";
import { readConfigFile, readWorkDirModel, writeWorkDirModel, MODEL_FILE } from "../models/workdir.js";
import { AdamW } from "../optim/adamw.js";
import { sampleWords } from "../sample/generate.js";
import { BatchStream } from "./batches.js";
import { estimateLoss } from "./evaluate.js";
import { MetricsLog } from "./metrics.js";
import { createProgress, type Progress } from "./progress.js";
import { formatSamples } from "./samples-report.js";
import { hasTrainState, loadTrainState, saveTrainState, type TrainStateMeta } from "./state.js";
import { datasetsForModel } from "./workdir-data.js";
import { createStepRunner, defaultWorkersFor } from "./step.js";

export interface TrainOptions {
  inputFile: string;
  workDir: string;
  type: ModelType;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  nEmbd2: number;
  batchSize: number;
  learningRate: number;
  weightDecay: number;
  seed: number;
  /** stop after this many steps in total (-1: no limit) */
  maxSteps: number;
  /** stop after this many seconds of training in this run (0: no limit) */
  maxTime: number;
  evalEvery: number;
  resume: boolean;
  numSamples: number;
  temperature: number;
  topK: number | null;
  quiet?: boolean;
  /** data-parallel worker threads (1: train in this thread; undefined: defaultWorkersFor the model) */
  workers?: number;
}

interface Session {
  model: LanguageModel;
  data: Datasets;
  opt: AdamW;
  stream: BatchStream;
  sampleGen: Generator;
  step: number;
  bestLoss: number | null;
  elapsed: number;
}

/** A fresh run: makemore's order of random draws (split, init, loader seeds) from manualSeed(seed). */
function startFresh(o: TrainOptions, words: string[]): Session {
  manualSeed(o.seed);
  const data = createDatasets(words);
  const config = { vocabSize: data.vocab.size, blockSize: data.blockSize, nLayer: o.nLayer, nHead: o.nHead, nEmbd: o.nEmbd, nEmbd2: o.nEmbd2 };
  const model = createModel(o.type, config);
  const opt = new AdamW(model.parameters(), { lr: o.learningRate, weightDecay: o.weightDecay, betas: [0.9, 0.99], eps: 1e-8 });
  const stream = new BatchStream(data.train, o.batchSize);
  // samples draw from their own stream so printing them never shifts the data order
  const sampleGen = new Generator().manualSeed(BigInt(o.seed) + 1n);
  return { model, data, opt, stream, sampleGen, step: 0, bestLoss: null, elapsed: 0 };
}

/** --resume: the exact state of the last checkpoint, or (without one) the saved weights with a fresh optimizer. */
function resume(o: TrainOptions, words: string[], log: (s: string) => void): Session {
  if (!existsSync(join(o.workDir, "config.json"))) throw new Error(`--resume: no run to resume in ${o.workDir} (config.json is missing)`);
  const cfg = readConfigFile(o.workDir);
  if (!hasTrainState(o.workDir)) {
    log(`no training state in ${o.workDir}: continuing from the saved weights with a fresh optimizer`);
    const s = startFresh({ ...o, type: cfg.type, nLayer: cfg.n_layer, nHead: cfg.n_head, nEmbd: cfg.n_embd, nEmbd2: cfg.n_embd2 }, words);
    const saved = readWorkDirModel(o.workDir);
    s.model.loadStateDict(saved.model.stateDict());
    return s;
  }
  const vocab = new Vocab(Array.from(cfg.vocab));
  const model = withoutInit(() => createModel(cfg.type, modelConfigOf(cfg, vocab)));
  const probe = new AdamW(model.parameters());
  const meta = loadTrainState(o.workDir, model, probe);
  const h = meta.hyper; // the run's own settings (seed, batch size, optimizer) win over the flags
  const data = datasetsForModel(words, { vocab, blockSize: cfg.block_size }, h.seed);
  const opt = new AdamW(model.parameters(), { lr: h.learningRate, weightDecay: h.weightDecay, betas: [0.9, 0.99], eps: 1e-8 });
  opt.state = probe.state;
  const stream = new BatchStream(data.train, h.batchSize); // its two seed draws are undone by the restore below
  stream.setState(meta.rng.stream);
  defaultGenerator.setState(meta.rng.global);
  const sampleGen = new Generator().setState(meta.rng.sample);
  model.train();
  return { model, data, opt, stream, sampleGen, step: meta.step, bestLoss: meta.bestLoss, elapsed: meta.elapsed };
}

/** makemore's training loop with evaluation, best-model checkpoints, exact resume and a time budget. */
export async function train(o: TrainOptions): Promise<void> {
  const words = readWordsFile(o.inputFile);
  mkdirSync(o.workDir, { recursive: true });
  const early: string[] = [];
  const s = o.resume ? resume(o, words, (l) => early.push(l)) : startFresh(o, words);
  const { model, data, opt, stream } = s;
  const metrics = new MetricsLog(o.workDir);
  if (o.resume) metrics.resumeAt(s.step);
  else metrics.reset();
  const T = data.blockSize;
  const progress = createProgress({ maxSteps: o.maxSteps, maxTime: o.maxTime, startStep: s.step, quiet: o.quiet });
  for (const l of early) progress.log(l);
  const workers = o.workers ?? defaultWorkersFor(model);
  const runner = createStepRunner(model, opt, workers, stream.batchSize, T);
  if (workers > runner.workers) progress.log(`training in ${runner.workers} thread(s): the batch is too small to split further`);
  progress.log(
    `${o.resume ? "resuming" : "training"} ${model.type} (${model.numParameters()} parameters) on ${data.train.length} words` +
      ` (${data.test.length} held out), vocab ${data.vocab.size}, block size ${T}${o.resume ? `, from step ${s.step}` : ""}`,
  );

  let stopRequested = false;
  const onSignal = () => {
    if (stopRequested) process.exit(130);
    stopRequested = true;
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const hyper: TrainStateMeta["hyper"] = { batchSize: stream.batchSize, learningRate: opt.lr, weightDecay: opt.weightDecay, seed: o.seed, evalEvery: o.evalEvery };
  let lastEvalStep = -1;
  const runStart = performance.now();
  const elapsedBefore = s.elapsed;
  let recentTokens = 0;
  let recentMs = 0;

  const evaluate = (step: number) => {
    const trainLoss = estimateLoss(model, data.train);
    const testLoss = estimateLoss(model, data.test);
    progress.log(`step ${step} train loss: ${trainLoss} test loss: ${testLoss}`);
    const best = s.bestLoss === null || testLoss < s.bestLoss;
    if (best) {
      progress.log(`test loss ${testLoss} is the best so far, saving model to ${join(o.workDir, MODEL_FILE)}`);
      writeWorkDirModel(o.workDir, model, data.vocab);
      s.bestLoss = testLoss;
    }
    const elapsed = elapsedBefore + (performance.now() - runStart) / 1000;
    metrics.append({ step, train_loss: trainLoss, test_loss: testLoss, best, time_s: round(elapsed), tokens_per_s: Math.round(recentMs ? (recentTokens / recentMs) * 1000 : 0) });
    const words = sampleWords(model, data.vocab, T - 1, { num: o.numSamples, temperature: o.temperature, topK: o.topK, generator: s.sampleGen });
    progress.log(formatSamples(words, data.train, data.test));
    saveTrainState(o.workDir, model, opt, {
      format: 1, step: step + 1, bestLoss: s.bestLoss, adamStep: opt.state[0]?.step ?? 0,
      rng: { global: defaultGenerator.getState(), stream: stream.getState(), sample: s.sampleGen.getState() },
      elapsed, hyper,
    });
    lastEvalStep = step;
  };

  let step = s.step;
  const batch = stream.buffers();
  const timeUp = () => o.maxTime > 0 && (performance.now() - runStart) / 1000 >= o.maxTime;
  while (!(o.maxSteps >= 0 && step >= o.maxSteps) && !timeUp() && !stopRequested) {
    const t0 = performance.now();
    stream.nextInto(batch);
    const { x, y } = batch;
    const lossValue = runner.step(x, y);
    const ms = performance.now() - t0;
    recentTokens = recentTokens * 0.9 + x.numel();
    recentMs = recentMs * 0.9 + ms;
    if (!Number.isFinite(lossValue)) throw new Error(`training diverged at step ${step} (loss ${lossValue}); try a lower --learning-rate`);
    progress.step({ step, loss: lossValue, stepMs: ms, tokensPerSec: (recentTokens / recentMs) * 1000 });
    if (step > 0 && step % o.evalEvery === 0) evaluate(step);
    step++;
  }
  if (step > 0 && lastEvalStep !== step - 1 && step - 1 > s.step - 1) evaluate(step - 1);
  progress.stop();
  await runner.close();
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  const why = stopRequested ? "interrupted" : timeUp() ? "time budget reached" : "step budget reached";
  if (step === s.step) console.log(`${why} before any step ran (the run stands at step ${step}); nothing new saved in ${o.workDir}`);
  else console.log(`${why} after step ${step - 1}; best test loss ${s.bestLoss?.toFixed(4) ?? "n/a"}; model in ${o.workDir}`);
}

const round = (x: number) => Math.round(x * 1000) / 1000;
