/** PyTorch's CPU random number generation, bit-exact with torch 1.13 (and 2.x where noted). */
export { MT19937, type MT19937State } from "./mt19937.js";
export { DEFAULT_SEED, Generator, defaultGenerator, manualSeed, type GeneratorState } from "./generator.js";
export {
  bernoulliFill,
  exponentialFill,
  initEmbeddingWeight,
  initLinearBias,
  initLinearWeight,
  linearBiasBound,
  linearInitBound,
  multinomialRows,
  normalDistributionDouble,
  normalFill,
  randintFill,
  randpermFill,
  uniformFill,
  type MultinomialOptions,
} from "./distributions.js";
export { fmaF32, logPs, sincosPs, type SinCos } from "./float32-math.js";
export { crCos, crLog, crSin, crSincos, fmaF64, type SinCosResult } from "./double-math.js";
