export { Tensor, Slice, slice, isTensor, type TensorLike, type IndexSpec, type Dims, type KeepDim } from "./tensor.js";
export { type DType, type DTypeLike, type Storage } from "./dtype.js";
export { formatShape, broadcastShapes } from "./shape.js";
export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from "./autograd.js";
export { type BackwardOptions } from "./backward.js";
export { withAllocator, heapAllocator, type Allocator } from "./storage.js";
export { setPrintOptions, printOptions } from "./format.js";
export {
  tensor,
  scalarTensor,
  empty,
  zeros,
  ones,
  full,
  arange,
  linspace,
  eye,
  tril,
  triu,
  zerosLike,
  onesLike,
  fullLike,
  emptyLike,
  type CreateOptions,
  type ShapeLike,
} from "./creation.js";
export { clamp } from "./ops/clamp.js";
export { add, sub, mul, div, pow, neg, exp, log, log10, tanh, sigmoid, relu, sqrt, abs, maximum, minimum, logicalNot } from "./ops/pointwise.js";
export { where, maskedFill } from "./ops/select.js";
export { sum, mean, max, min, amax, amin, argmax, argmin, variance as var, std, logsumexp } from "./ops/reduce.js";
export { matmul, linear } from "./ops/linalg.js";
export { embeddingLinear } from "./ops/embedding-linear.js";
export { cat, stack, split, chunk, unbind, roll } from "./ops/join.js";
export { indexSelect, gather, oneHot, embedding } from "./ops/indexing.js";
export { softmax, logSoftmax, crossEntropy, layerNorm, gelu, erf, type CrossEntropyOptions } from "./ops/nn.js";
export { rand, randn, randint, randperm, multinomial, type RandomOptions, type MultinomialOptions } from "./random-ops.js";

import { compare } from "./ops/pointwise.js";
import type { Tensor, TensorLike } from "./tensor.js";
export const eq = (a: Tensor, b: TensorLike): Tensor => compare("eq", a, b);
export const ne = (a: Tensor, b: TensorLike): Tensor => compare("ne", a, b);
export const lt = (a: Tensor, b: TensorLike): Tensor => compare("lt", a, b);
export const le = (a: Tensor, b: TensorLike): Tensor => compare("le", a, b);
export const gt = (a: Tensor, b: TensorLike): Tensor => compare("gt", a, b);
export const ge = (a: Tensor, b: TensorLike): Tensor => compare("ge", a, b);
export { histogram, type HistogramOptions } from "./ops/histogram.js";
export { allclose, equal } from "./ops/compare.js";
export { gradcheck, type GradcheckOptions } from "./gradcheck.js";
