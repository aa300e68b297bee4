/**
 * Everything that runs anywhere (Node and browsers): the engine, PyTorch's generator, nn, optim,
 * data in memory, the models, checkpoints from bytes, sampling and scoring, the bigram notebook.
 * src/index.ts (Node) adds files; src/browser.ts is this, for bundlers.
 */
import { createBackend, entryBackendChoice, useBackend } from "./backend/index.js";
export * from "./tensor/index.js";
export { Generator, defaultGenerator, manualSeed } from "./random/generator.js";
export { PyRandom } from "./random/py-random.js";
export {
  kernels,
  useBackend,
  createBackend,
  activeBackend,
  backendName,
  jsBackend,
  jsKernels,
  loadWasmBackend,
  initWasmBackend,
  type Backend,
  type BackendName,
  type BackendChoice,
  type Kernels,
  type KernelName,
  type WasmBackend,
} from "./backend/index.js";
export { scratch } from "./backend/scratch.js";
export * from "./nn/index.js";
export * from "./optim/index.js";
export { parseWords, decodeText, wordsFromBytes } from "./data/words.js";
export { validateWords, type ValidateWordsOptions } from "./data/validate-words.js";
export { MAX_WORD_LENGTH, MAX_VOCAB, MAX_WORDS_FILE_BYTES } from "./data/limits.js";
export { Vocab } from "./data/vocab.js";
export { CharDataset } from "./data/dataset.js";
export { createDatasets, type Datasets } from "./data/split.js";
export * from "./models/index.js";
export {
  loadModel,
  buildModel,
  encodeModel,
  encodeModelFile,
  decodeModelFile,
  encodeLoadedModel,
  configFileOf,
  parseConfigFile,
  canonicalKey,
  type ConfigFile,
  type LoadedModel,
  type ModelSource,
} from "./models/checkpoint.js";
export { decodeSafetensors, encodeSafetensors, encodeSafetensorsEntries, type SafetensorsFile, type RawTensorEntry } from "./io/safetensors.js";
export { estimateMemory, type MemoryEstimate, type MemoryEstimateOptions, type ModelShape } from "./models/memory-estimate.js";
export { parameterCount } from "./models/parameter-count.js";
export { checkFits, memoryLimits, machineMemory, formatBytes, WASM_MAX_BYTES, type MemoryLimits } from "./models/memory-check.js";
export { MODEL_LIMITS } from "./models/limits.js";
export { encodeExport, EXPORT_DTYPES, type ExportDType } from "./models/export.js";
export { decodeModelWeights } from "./models/model-weights.js";
export { floatToHalfBits, halfBitsToFloat, floatToBFloat16Bits, bfloat16BitsToFloat, encodeHalf, decodeHalf, type HalfKind } from "./tensor/half.js";
export { quantizeRows, dequantizeRows } from "./io/quantize.js";
export { fullLoss, estimateLoss } from "./train/evaluate.js";
export { BatchStream } from "./train/batches.js";
export { trainModel, type TrainModelOptions, type TrainedModel } from "./train/train-model.js";
export { startSession, resumeSession, type ResumeOptions, type SessionNaming } from "./train/session.js";
export type * from "./train/session-types.js";
export { MAKEMORE_DEFAULTS, MAKEMORE_BETAS, MAKEMORE_EPS, PRECISIONS, type Precision, type RunConfig, type LoopConfig } from "./train/defaults.js";
export { withMemoryPolicy, memoryPolicy, type MemoryPolicy } from "./tensor/memory-policy.js";
export { PRESETS, PRESET_NAMES, presetOf, type PresetName } from "./train/presets.js";
export { resolveRunConfig, resolveLoopConfig } from "./train/session-setup.js";
export { learningRateSchedule, type LearningRateAt } from "./train/learning-rate.js";
export { decodeTrainState, modelWeightsOf, type TrainState, type TrainStateMeta } from "./train/state.js";
export { setThreadPlatform, threadPlatform, type ThreadPlatform, type WorkerThread } from "./train/parallel/threads.js";
export { runWorker, type WorkerInit } from "./train/parallel/worker-loop.js";
export { wordsDigest } from "./data/digest.js";
export * from "./bigram/index.js";
export * from "./sample/index.js";
export * from "./inspect/index.js";

// The package's kernels, chosen once here: native where the Node entry registered it and the addon
// is built, else the fastest wasm build, unless MAKEMORE_BACKEND names one.
useBackend(createBackend(entryBackendChoice()));
