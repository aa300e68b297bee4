import type { RunConfig } from "./defaults.js";
import { configFileOf, type LoadedModel } from "../models/checkpoint.js";
import { startSession } from "./session.js";
import { fullLoss } from "./evaluate.js";
import type { Precision } from "./defaults.js";

/**
 * makemore's settings (type, sizes, batch size, learning rate, weight decay, seed; the defaults
 * unless given), our recipe settings (dropout, lrSchedule, warmupSteps, minLr, gradClip, ema,
 * dedupe; all off by default), and the budget.
 */
export interface TrainModelOptions extends Partial<RunConfig> {
  /** optimisation steps (default 1000) */
  maxSteps?: number;
  /** stop earlier after this many seconds (default: no limit) */
  maxTime?: number;
  /** activations and their gradients in fp32 (default), fp16 (with a GradScaler) or bf16; weights and AdamW state stay float32 */
  precision?: Precision;
  /** recompute each block in backward instead of keeping its activations (default false) */
  activationCheckpointing?: boolean;
  /** data-parallel worker threads (default 1: this thread) */
  workers?: number;
  /** called after every step; returning false stops training */
  onStep?: (info: { step: number; loss: number }) => boolean | void;
}

export interface TrainedModel extends LoadedModel {
  /** steps taken */
  steps: number;
  /** full test loss after training (nats per character, end token included) */
  testLoss: number;
}

/**
 * Trains a model on words in memory with makemore's data pipeline, model and AdamW settings:
 * the same seed and settings give the weights PyTorch's makemore reaches after the same number
 * of steps. It drives the same training session as the CLI, without files or evaluations.
 * Runs in Node and in browsers; the result works with sample(), score() and encodeModel().
 */
export async function trainModel(words: readonly string[], o: TrainModelOptions = {}): Promise<TrainedModel> {
  const maxSteps = o.maxSteps ?? 1000;
  const fail = (e: unknown): never => {
    throw new Error(`trainModel: ${(e as Error).message}`);
  };
  if (!Number.isSafeInteger(maxSteps) || maxSteps < 1) fail(new Error(`maxSteps must be a positive integer, got ${o.maxSteps}`));
  const { onStep, ...settings } = o;
  const session = await startSession(words, { ...settings, maxSteps, workers: o.workers ?? 1, evalEvery: Number.MAX_SAFE_INTEGER, numSamples: 0 }).catch(fail);
  try {
    await session.start((e) => {
      if (e.kind === "step" && onStep?.({ step: e.step, loss: e.loss }) === false) session.stop();
    });
  } catch (e) {
    fail(e);
  } finally {
    await session.close();
  }
  const { model, data } = session;
  model.eval();
  return { model, vocab: data.vocab, config: configFileOf(model, data.vocab), steps: session.step, testLoss: fullLoss(model, data.test) };
}
