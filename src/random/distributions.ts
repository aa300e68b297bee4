/**
 * PyTorch 1.13's CPU distribution kernels (native/cpu/DistributionTemplates.h, Distributions.cpp)
 * over flat typed arrays, outputs first, each drawing from an explicit generator. Every function
 * consumes exactly the 32-bit words torch consumes, in the same order, so streams stay aligned
 * when ops interleave. One file per distribution; this module gathers them.
 */
export { bernoulliFill } from "./bernoulli.js";
export { exponentialFill } from "./exponential.js";
export { randintFill, randpermFill } from "./integers.js";
export { multinomialRows, type MultinomialOptions } from "./multinomial.js";
export { initEmbeddingWeight, initLinearBias, initLinearWeight, linearBiasBound, linearInitBound } from "./nn-init.js";
export { normalDistributionDouble, normalFill } from "./normal.js";
export { uniformFill } from "./uniform.js";
