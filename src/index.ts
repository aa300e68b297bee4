/**
 * makemore: character-level language models on a PyTorch-like tensor engine.
 * `import * as mm from "makemore"` gives torch-style functions (mm.tensor, mm.randn, mm.manualSeed, …).
 * This is the Node entry: src/core.ts plus what needs the file system.
 */
export * from "./core.js";
export { readWordsFile, type ReadWordsOptions } from "./data/read-words-file.js";
export { saveModel } from "./models/workdir.js";
export { bigramHeatmapPng } from "./bigram/heatmap/png.js";
export * from "./bigram/heatmap/index.js";
