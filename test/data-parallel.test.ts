import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import * as mm from "makemore";
import { repoRoot } from "./helpers/fixtures.js";
import { assertClose } from "./helpers/close.js";
import { createStepRunner } from "../src/train/step.js";

const words = mm.readWordsFile(join(repoRoot, "data", "names.txt")).slice(0, 3000);
const STEPS = 100;

/** Per-step losses of `steps` training steps from seed 3407, in `workers` threads. */
async function losses(type: mm.ModelType, workers: number): Promise<number[]> {
  mm.manualSeed(3407);
  const data = mm.createDatasets(words);
  const model = mm.createModel(type, { vocabSize: data.vocab.size, blockSize: data.blockSize, nLayer: 2, nHead: 2, nEmbd: 16, nEmbd2: 24 });
  const opt = new mm.AdamW(model.parameters(), { lr: 1e-2, weightDecay: 0.01, betas: [0.9, 0.99], eps: 1e-8 });
  const stream = new mm.BatchStream(data.train, 32);
  const runner = createStepRunner(model, opt, workers, 32, data.blockSize);
  const out: number[] = [];
  try {
    for (let i = 0; i < STEPS; i++) {
      const { x, y } = stream.next();
      out.push(runner.step(x, y));
    }
  } finally {
    await runner.close();
  }
  return out;
}

for (const type of ["transformer", "gru", "mlp", "bow", "bigram", "wavenet"] as mm.ModelType[]) {
  test(`${type}: 2 data-parallel workers follow 1 thread's losses for ${STEPS} steps (up to summation order)`, async () => {
    const one = await losses(type, 1);
    const two = await losses(type, 2);
    assertClose(two, one, `${type} losses, 2 workers vs 1`, 0, 1e-5);
  });
}

/** Per-step losses of a session with makemore's recipe plus ours, in `workers` threads. */
async function recipeLosses(type: mm.ModelType, workers: number): Promise<number[]> {
  const session = await mm.startSession(words, {
    type,
    nLayer: 2,
    nHead: 2,
    nEmbd: 16,
    nEmbd2: 24,
    learningRate: 1e-2,
    seed: 3407,
    maxSteps: 60,
    evalEvery: 1000,
    numSamples: 0,
    dropout: 0.2,
    gradClip: 0.3,
    lrSchedule: "cosine",
    warmupSteps: 5,
    workers,
  });
  const out: number[] = [];
  await session.start((e) => void (e.kind === "step" && out.push(e.loss)));
  await session.close();
  assert.equal(session.workers, workers);
  return out;
}

for (const type of ["transformer", "mlp", "bow", "wavenet"] as mm.ModelType[]) {
  test(`${type} with dropout, clipping and a cosine schedule: 2 data-parallel workers follow 1 thread (the same masks, the same clip)`, async () => {
    const one = await recipeLosses(type, 1);
    const two = await recipeLosses(type, 2);
    assertClose(two, one, `${type} losses, 2 workers vs 1`, 0, 1e-5);
  });
}
