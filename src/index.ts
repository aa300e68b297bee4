/**
 * makemore: character-level language models on a PyTorch-like tensor engine.
 * `import * as mm from "makemore"` gives torch-style functions (mm.tensor, mm.randn, mm.manualSeed, …).
 * This is the Node entry: src/core.ts plus what needs the file system.
 */
import { setThreadPlatform } from "./train/parallel/threads.js";
import { nodeThreads } from "./train/parallel/node-threads.js";

export * from "./core.js";

// Node runs data-parallel training on worker_threads
setThreadPlatform(nodeThreads);
export { readWordsFile, type ReadWordsOptions } from "./data/read-words-file.js";
// loadModel here also reads work dirs and .safetensors paths; it shadows the bytes-only one of core.ts
export { saveModel, loadModel } from "./train/workdir.js";
export { bigramHeatmapPng } from "./bigram/heatmap/png.js";
export * from "./bigram/heatmap/index.js";
export { renderSvg, svgToPng, writePlot } from "./inspect/plots/render.js";
