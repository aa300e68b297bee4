import { test } from "node:test";
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
