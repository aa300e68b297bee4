import { manualSeed } from "../random/generator.js";
import { createModel } from "../models/index.js";
import { generateTokens } from "../sample/generate.js";
import { MAKEMORE_DEFAULTS as D } from "../train/defaults.js";

/** Seconds to sample `num` names (15 new tokens each, as makemore) from an untrained default transformer. */
export function measureGenerate(num: number): number {
  manualSeed(D.seed);
  const model = createModel("transformer", { vocabSize: 27, blockSize: 16, nLayer: D.nLayer, nHead: D.nHead, nEmbd: D.nEmbd, nEmbd2: D.nEmbd2 });
  generateTokens(model, 15, { num }); // warm-up of the same size, as the PyTorch side does
  const t0 = performance.now();
  generateTokens(model, 15, { num });
  return (performance.now() - t0) / 1000;
}
