import { Tensor, type TensorLike } from "../tensor.js";
import { broadcastShapes, broadcastStrides, formatShape, shapesEqual } from "../shape.js";
import { isGradEnabled } from "../autograd.js";
import { scalarTensor } from "../creation.js";
import { kernels, type BinaryOp } from "../../backend/index.js";
import { binaryRaw } from "./pointwise.js";
import { checkInt32 } from "../int-range.js";

/** In-place ops bypass autograd, so (like torch) they are refused on tensors it is tracking. */
function checkWritable(t: Tensor, op: string): void {
  if (t.requiresGrad && isGradEnabled())
    throw new Error(`${op}: a tensor that requires grad is being used in an in-place operation (wrap the update in noGrad, or use .data)`);
}

/** Writes `src` (broadcast to t's shape) into t's elements, whatever t's strides. */
export function copyInto(t: Tensor, src: TensorLike): void {
  checkWritable(t, "copy_");
  if (typeof src === "number") {
    fill(t, src);
    return;
  }
  const shape = broadcastShapes(t.shape, src.shape, "copy_");
  if (!shapesEqual(shape, t.shape))
    throw new Error(`copy_: source of shape ${formatShape(src.shape)} cannot be broadcast to destination ${formatShape(t.shape)}`);
  let values = src.flat();
  if (!shapesEqual(src.shape, t.shape) || src.dtype !== t.dtype) {
    const tmp = Tensor.empty(t.shape, t.dtype);
    kernels.stridedCopy(tmp.storage, src.storage, src.offset, t.shape, broadcastStrides(src.shape, src.strides, t.shape));
    values = tmp.storage;
  }
  kernels.stridedScatter(t.storage, t.offset, t.shape, t.strides, values, false);
}

export function fill(t: Tensor, value: number): void {
  checkWritable(t, "fill_");
  if (t.dtype === "int32") checkInt32(value, "fill_()");
  if (t.isContiguous()) {
    t.storage.fill(t.dtype === "bool" ? (value ? 1 : 0) : value, t.offset, t.offset + t.numel());
    return;
  }
  const tmp = Tensor.empty(t.shape, t.dtype);
  tmp.storage.fill(t.dtype === "bool" ? (value ? 1 : 0) : value);
  kernels.stridedScatter(t.storage, t.offset, t.shape, t.strides, tmp.storage, false);
}

/** t ⊙= other (add_/sub_ take alpha: t += alpha · other), keeping t's dtype and storage. */
export function binaryInPlace(t: Tensor, op: BinaryOp, other: TensorLike, alpha = 1): void {
  checkWritable(t, `${op}_`);
  const o = typeof other === "number" ? scalarTensor(other, t.dtype === "float64" ? "float64" : "float32") : other;
  if (
    (op === "add" || op === "sub") &&
    t.dtype === "float32" &&
    o.dtype === "float32" &&
    t.isContiguous() &&
    o.isContiguous() &&
    shapesEqual(t.shape, o.shape)
  ) {
    const d = t.f32();
    kernels.axpy(d, d, o.f32(), op === "add" ? alpha : -alpha, d.length);
    return;
  }
  const scaled = alpha === 1 ? o : binaryRaw("mul", o, scalarTensor(alpha, "float32"), o.isFloatingPoint ? o.dtype : "float32");
  const shape = broadcastShapes(t.shape, scaled.shape, `${op}_`);
  if (!shapesEqual(shape, t.shape))
    throw new Error(`${op}_: output with shape ${formatShape(t.shape)} doesn't match the broadcast shape ${formatShape(shape)}`);
  const result = binaryRaw(op, t, scaled, t.dtype);
  kernels.stridedScatter(t.storage, t.offset, t.shape, t.strides, result.storage, false);
}
