import { Tensor, type TensorLike } from "../tensor.js";
import { isFloating } from "../dtype.js";
import { broadcastShapes, broadcastStrides, formatShape, shapesEqual } from "../shape.js";
import { record } from "../autograd.js";
import { checkInt32 } from "../int-range.js";
import { kernels } from "../../backend/index.js";
import { operands } from "./pointwise.js";

// Selecting between values by a bool mask: where and maskedFill (and the broadcast read they share).

/** torch.where(condition, a, b): a where condition is true, else b (broadcasting all three). */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  if (condition.dtype !== "bool") throw new Error(`where: expected condition to be a bool tensor, got ${condition.dtype}`);
  const [x, y, d] = operands(a, b, "where");
  const shape = broadcastShapes(broadcastShapes(condition.shape, x.shape, "where"), y.shape, "where");
  const out = Tensor.empty(shape, d);
  const c = expandedFlat(condition, shape);
  const xa = expandedFlat(x, shape);
  const ya = expandedFlat(y, shape);
  const o = out.storage;
  for (let i = 0; i < o.length; i++) o[i] = c[i] ? xa[i] : ya[i];
  return record(out, "WhereBackward0", [x, y], (g) => [x.requiresGrad ? where(condition, g, 0) : null, y.requiresGrad ? where(condition, 0, g) : null]);
}

/** The values of `t` broadcast to `shape`, row-major. */
export function expandedFlat(t: Tensor, shape: readonly number[]) {
  if (shapesEqual(t.shape, shape)) return t.flat();
  const out = Tensor.empty(shape, t.dtype);
  kernels.stridedCopy(out.storage, t.storage, t.offset, shape, broadcastStrides(t.shape, t.strides, shape));
  return out.storage;
}

export function maskedFill(x: Tensor, mask: Tensor, value: number): Tensor {
  if (mask.dtype !== "bool") throw new Error(`masked_fill only supports boolean masks, but got mask with dtype ${mask.dtype}`);
  const shape = broadcastShapes(x.shape, mask.shape, "maskedFill");
  if (!shapesEqual(shape, x.shape))
    throw new Error(`maskedFill: mask of shape ${formatShape(mask.shape)} must broadcast to the input's shape ${formatShape(x.shape)}`);
  const out = Tensor.empty(x.shape, isFloating(x.dtype) || Number.isInteger(value) ? x.dtype : "float32");
  if (out.dtype === "int32") checkInt32(value, "maskedFill()");
  const src = x.flat();
  const m = expandedFlat(mask, x.shape);
  const o = out.storage;
  for (let i = 0; i < o.length; i++) o[i] = m[i] ? value : src[i];
  return record(out, "MaskedFillBackward0", [x], (g) => [maskedFill(g, mask, 0)]);
}
