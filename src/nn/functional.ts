/**
 * torch.nn.functional as `mm.F`: `F.crossEntropy(logits, y)`, `F.softmax(x, 1)`, `F.oneHot(ix, 27)`.
 * The same functions are also exported at the top level (mm.crossEntropy, …).
 */
export { crossEntropy, softmax, logSoftmax, layerNorm, gelu } from "../tensor/ops/nn.js";
export { oneHot, embedding } from "../tensor/ops/indexing.js";
export { linear } from "../tensor/ops/linalg.js";
export { tanh, sigmoid, relu } from "../tensor/ops/pointwise.js";
