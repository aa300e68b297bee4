import { readWordsFile } from "../data/read-words-file.js";
import type { ModelType } from "../models/index.js";
import { fullLoss } from "../train/evaluate.js";
import { freshParts } from "../train/session-setup.js";
import { createStepRunner, defaultWorkersFor } from "../train/step.js";

export interface StepTiming {
  type: ModelType;
  steps: number;
  medianMs: number;
  p10Ms: number;
  p90Ms: number;
  tokensPerSec: number;
  peakRssMb: number;
  workers: number;
  /** after the last step, when asked for */
  fullTestLoss?: number;
}

const WARMUP_MIN_MS = 1000;

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Times makemore's training step (fetch batch, forward, zero grad, backward, AdamW), the same
 * span torch_makemore.py times, at makemore's default hyper-parameters.
 */
export async function measureTraining(o: {
  input: string;
  type: ModelType;
  steps: number;
  warmup: number;
  batchSize: number;
  workers?: number;
  fullTestLoss?: boolean;
  /** a model size other than makemore's default (the scaling table) */
  size?: { nEmbd: number; nLayer: number; nHead: number };
}): Promise<StepTiming> {
  // makemore's defaults and order of draws, as a training session sets them up
  const { data, model, opt, stream } = freshParts(readWordsFile(o.input), { type: o.type, batchSize: o.batchSize, ...o.size });
  const workers = o.workers ?? defaultWorkersFor(model);
  const runner = createStepRunner(model, opt, workers, o.batchSize, data.blockSize);
  const times: number[] = [];
  const batch = stream.buffers();
  // V8 optimises a function only after many calls, so a 0.05 ms step needs thousands of steps
  // to reach the speed a training run has: warm up for `warmup` steps and at least a second
  // (none with --warmup 0: the quality run trains exactly `steps` steps)
  const warmupUntil = o.warmup > 0 ? performance.now() + WARMUP_MIN_MS : 0;
  for (let step = 0; step < o.warmup || performance.now() < warmupUntil; step++) {
    stream.nextInto(batch);
    runner.step(batch.x, batch.y);
  }
  for (let step = 0; step < o.steps; step++) {
    const t0 = performance.now();
    stream.nextInto(batch);
    runner.step(batch.x, batch.y);
    times.push(performance.now() - t0);
  }
  await runner.close();
  const sorted = [...times].sort((a, b) => a - b);
  const med = median(times);
  return {
    type: o.type,
    steps: o.steps,
    medianMs: med,
    p10Ms: sorted[Math.floor(sorted.length / 10)],
    p90Ms: sorted[Math.floor((sorted.length * 9) / 10)],
    tokensPerSec: (o.batchSize * data.blockSize) / (med / 1000),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    workers: runner.workers,
    fullTestLoss: o.fullTestLoss ? fullLoss(model, data.test) : undefined,
  };
}
