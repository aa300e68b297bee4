// Entry point of the kernel module: every export is a kernel or a host hook. Pointers are byte
// offsets into the imported linear memory; pointer 0 stands for a null array (the host keeps
// the first bytes of memory for the module's static area, so no array ever lives there).
export { workspaceBytes, setWorkspace } from "./workspace";
export { matmul, setGemmTiles, resetGemmTiles } from "./gemm";
export { linear, linearBackward } from "./linear";
export {
  add, mul, axpy, affine, exp, log, tanh, sigmoid, relu, gelu,
  tanhBackward, sigmoidBackward, geluBackward,
} from "./elementwise";
export { softmax, softmaxBackward, logSoftmax, logSoftmaxBackward, crossEntropy, crossEntropyBackward } from "./rows";
export { layerNorm, layerNormBackward } from "./layernorm";
export { attention, attentionBackward, attentionDecode } from "./attention";
export { embedding, embeddingBackward, embeddingSum, embeddingSumBackward, causalMean, causalMeanBackward } from "./lookups";
export { adamw } from "./optim";
export { columnSums, columnCenteredDot, columnAffine } from "./columns";
export { lstmCell, lstmCellBackward } from "./recurrent";

/** First byte the host may use: below it lies the module's own static area. */
export function heapBase(): usize {
  return __heap_base;
}
