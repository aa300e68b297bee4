import { manualSeed } from "../random/generator.js";
import { createModel } from "../models/index.js";
import { generateTokens } from "../sample/generate.js";

/** Seconds to sample `num` names (15 new tokens each, as makemore) from an untrained default transformer. */
export function measureGenerate(num: number): number {
  manualSeed(3407);
  const model = createModel("transformer", { vocabSize: 27, blockSize: 16, nLayer: 4, nHead: 4, nEmbd: 64, nEmbd2: 64 });
  generateTokens(model, 15, { num }); // warm-up of the same size, as the PyTorch side does
  const t0 = performance.now();
  generateTokens(model, 15, { num });
  return (performance.now() - t0) / 1000;
}
