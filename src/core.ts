/**
 * Everything that runs anywhere (Node and browsers): the engine, PyTorch's generator, nn, optim,
 * data in memory, the models, checkpoints from bytes, sampling and scoring, the bigram notebook.
 * src/index.ts (Node) adds files; src/browser.ts is this, for bundlers.
 */
import "./backend/auto.js";
export * from "./tensor/index.js";
export { Generator, defaultGenerator, manualSeed } from "./random/generator.js";
export { kernels, setKernels, backendName, jsKernels, loadWasmBackend, initWasmBackend, type Kernels, type KernelName, type WasmBackend } from "./backend/index.js";
export { useWasm, activeWasm } from "./backend/use-wasm.js";
export { useBackendByName } from "./backend/select.js";
export { scratch } from "./backend/scratch.js";
export * from "./nn/index.js";
export * from "./optim/index.js";
export { parseWords, decodeText } from "./data/words.js";
export { validateWords, type ValidateWordsOptions } from "./data/validate-words.js";
export { MAX_WORD_LENGTH, MAX_VOCAB, MAX_WORDS_FILE_BYTES } from "./data/limits.js";
export { Vocab } from "./data/vocab.js";
export { CharDataset } from "./data/dataset.js";
export { createDatasets, type Datasets } from "./data/split.js";
export * from "./models/index.js";
export { loadModel, buildModel, encodeModel, configFileOf, parseConfigFile, canonicalKey, type ConfigFile, type LoadedModel, type ModelSource } from "./models/checkpoint.js";
export { decodeSafetensors, encodeSafetensors, type SafetensorsFile } from "./io/safetensors.js";
export { estimateMemory, type MemoryEstimate, type MemoryEstimateOptions, type ModelShape } from "./models/memory-estimate.js";
export { parameterCount } from "./models/parameter-count.js";
export { checkFits, memoryLimits, machineMemory, formatBytes, WASM_MAX_BYTES, type MemoryLimits } from "./models/memory-check.js";
export { MODEL_LIMITS } from "./models/limits.js";
export { fullLoss, estimateLoss } from "./train/evaluate.js";
export { BatchStream } from "./train/batches.js";
export { trainModel, type TrainModelOptions, type TrainedModel } from "./train/train-model.js";
export * from "./bigram/index.js";
export * from "./sample/index.js";
