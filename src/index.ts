/**
 * makemore: character-level language models on a PyTorch-like tensor engine.
 * `import * as mm from "makemore"` gives torch-style functions (mm.tensor, mm.randn, mm.manualSeed, …).
 */
export * from "./tensor/index.js";
export { Generator, defaultGenerator, manualSeed } from "./random/generator.js";
export { K as kernels, setKernels, backendName, jsKernels, type Kernels, type KernelName } from "./backend/index.js";
