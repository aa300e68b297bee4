// One variant of `makemore bench --memory`, in a process of its own (so its peak RSS is its own):
// what a training step of a config keeps in memory under a precision and checkpointing.
import { Tensor } from "../tensor/tensor.js";
import { randint } from "../tensor/random-ops.js";
import { manualSeed } from "../random/generator.js";
import { withAllocator } from "../tensor/storage.js";
import { createModel, type ModelType } from "../models/index.js";
import { AdamW } from "../optim/adamw.js";
import { BlockArena, blockArena } from "../backend/block-arena.js";
import { createStepRunner } from "../train/step.js";
import { scalerFor } from "../train/session-setup.js";
import { memoryPolicyOf } from "../train/precision.js";
import { withMemoryPolicy } from "../tensor/memory-policy.js";
import { MAKEMORE_BETAS, MAKEMORE_EPS, type Precision } from "../train/defaults.js";
import { median } from "./measure.js";

export interface MemoryConfig {
  type: ModelType;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  nEmbd2: number;
  blockSize: number;
  batchSize: number;
  vocabSize: number;
}

export interface MemoryVariant {
  precision: Precision;
  activationCheckpointing: boolean;
}

export interface MemoryMeasurement extends MemoryVariant {
  weightBytes: number;
  gradBytes: number;
  adamBytes: number;
  /** activation bytes the step holds when forward ends (what backward needs) */
  keptBytes: number;
  /** the most activation and activation-gradient bytes held at once during the step (step arena + block arena) */
  peakBytes: number;
  peakRssBytes: number;
  medianStepMs: number;
}

/** Measures one variant: the bytes of one step's arenas, then the median time of `steps` full training steps. */
export async function measureMemory(c: MemoryConfig, v: MemoryVariant, steps: number): Promise<MemoryMeasurement> {
  manualSeed(3407);
  const model = createModel(c.type, { vocabSize: c.vocabSize, blockSize: c.blockSize, nLayer: c.nLayer, nHead: c.nHead, nEmbd: c.nEmbd, nEmbd2: c.nEmbd2 });
  model.train();
  const n = model.numParameters();
  const opt = new AdamW(model.parameters(), { lr: 5e-4, weightDecay: 0.01, betas: MAKEMORE_BETAS, eps: MAKEMORE_EPS });
  const policy = memoryPolicyOf(v);
  const scaler = scalerFor(v);
  // random tokens: the memory of a step depends on the shapes only
  const batch = () => [randint(0, c.vocabSize, [c.batchSize, c.blockSize]), randint(0, c.vocabSize, [c.batchSize, c.blockSize])] as const;
  const runner = createStepRunner(model, opt, 1, c.batchSize, c.blockSize, { precision: { policy, scaler } });
  const [x, y] = batch();
  runner.step(x, y); // weights, gradients and moments now live in the flat region
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const [bx, by] = batch();
    const t0 = performance.now();
    runner.step(bx, by);
    times.push(performance.now() - t0);
  }
  // the peak of real training steps, before the counting step below adds an arena of its own
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const { keptBytes, peakBytes } = stepArenaBytes(model, policy, x, y, scaler?.getScale() ?? 1);
  await runner.close();
  return { ...v, weightBytes: 4 * n, gradBytes: 4 * n, adamBytes: 8 * n, keptBytes, peakBytes, peakRssBytes, medianStepMs: median(times) };
}

/** One forward and backward with every activation taken from arenas that count their bytes. */
function stepArenaBytes(model: ReturnType<typeof createModel>, policy: ReturnType<typeof memoryPolicyOf>, x: Tensor, y: Tensor, lossScale: number) {
  const step = new BlockArena();
  const blocks = blockArena();
  blocks.peakBytes = 0;
  return withAllocator(step, () =>
    withMemoryPolicy(policy, () => {
      const loss = model.forward(x, y).loss!;
      const keptBytes = step.bytesUsed + blocks.bytesUsed;
      (lossScale === 1 ? loss : loss.mul(lossScale)).backward();
      // the step arena only grows during a step; the block arena's peak is one block's forward or backward
      return { keptBytes, peakBytes: step.peakBytes + blocks.peakBytes };
    }),
  );
}
