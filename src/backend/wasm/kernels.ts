import type { Kernels } from "../kernels.js";
import { jsKernels } from "../js/index.js";
import type { KernelExports } from "./exports.js";
import { Marshal } from "./marshal.js";
import type { LinearMemory } from "./memory.js";
import { elementwiseKernels } from "./wrap-elementwise.js";
import { linalgKernels } from "./wrap-linalg.js";
import { rowKernels } from "./wrap-rows.js";
import { miscKernels } from "./wrap-misc.js";
import { columnKernels } from "./wrap-columns.js";
import { recurrentKernels } from "./wrap-recurrent.js";

/**
 * The wasm kernel table: every float32 loop runs in the wasm module; the any-dtype strided
 * kernels (stridedCopy/Scatter, binaryStrided, reduce, argReduce) stay on the JS reference,
 * since they index arbitrary dtypes through arbitrary strides and are mostly data movement.
 */
export function createWasmKernels(X: KernelExports, mem: LinearMemory): Kernels {
  const m = new Marshal(mem);
  return {
    ...jsKernels,
    ...elementwiseKernels(X, m),
    ...linalgKernels(X, m),
    ...rowKernels(X, m),
    ...miscKernels(X, m),
    ...columnKernels(X, m),
    ...recurrentKernels(X, m),
  };
}

/** Names of the kernels the wasm table runs in wasm (the rest fall back to JS). */
export const WASM_KERNEL_NAMES: readonly (keyof Kernels)[] = [
  "add", "mul", "axpy", "affine", "exp", "log", "tanh", "sigmoid", "relu", "gelu",
  "tanhBackward", "sigmoidBackward", "geluBackward",
  "matmul", "linear", "linearBackward",
  "softmax", "softmaxBackward", "logSoftmax", "logSoftmaxBackward",
  "crossEntropy", "crossEntropyBackward", "layerNorm", "layerNormBackward",
  "attention", "attentionBackward", "attentionDecode", "embedding", "embeddingBackward", "embeddingSum", "embeddingSumBackward", "causalMean", "causalMeanBackward", "adamw",
  "columnSums", "columnCenteredDot", "columnAffine",
  "lstmCell", "lstmCellBackward",
];
