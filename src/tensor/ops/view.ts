import { Tensor } from "../tensor.js";
import { contiguousStrides, formatShape, normalizeDim, numelOf, resolveShape, shapesEqual } from "../shape.js";
import { record } from "../autograd.js";
import { kernels } from "../../backend/index.js";
import { sumToShape } from "./grad-utils.js";

/** A view on x's storage, recorded so that the gradient flows back through `backward`. */
function viewOf(x: Tensor, shape: number[], strides: number[], offset: number, name: string, backward: (g: Tensor) => Tensor): Tensor {
  const out = new Tensor(x.storage, shape, strides, offset);
  return record(out, name, [x], (g) => [backward(g)]);
}

/**
 * Strides for viewing (shape, strides) as newShape without copying, or null when some new dim
 * would span two non-contiguous chunks (torch's computeStride).
 */
function viewStrides(shape: readonly number[], strides: readonly number[], newShape: readonly number[]): number[] | null {
  const numel = numelOf(shape);
  if (numel === 0) return contiguousStrides(newShape);
  const out = new Array<number>(newShape.length);
  let viewD = newShape.length - 1;
  let chunkBase = strides[strides.length - 1] ?? 1;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    tensorNumel *= shape[d];
    if (d === 0 || (shape[d - 1] !== 1 && strides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        out[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = strides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return out;
}

export function view(x: Tensor, shape: readonly number[]): Tensor {
  const newShape = resolveShape(shape, x.numel());
  if (numelOf(newShape) !== x.numel()) throw new Error(`shape ${formatShape(newShape)} is invalid for input of size ${x.numel()}`);
  const strides = x.isContiguous() ? contiguousStrides(newShape) : viewStrides(x.shape, x.strides, newShape);
  if (!strides)
    throw new Error(
      `view size ${formatShape(newShape)} is not compatible with input tensor's size ${formatShape(x.shape)} and stride; use .reshape(...) instead`,
    );
  return viewOf(x, newShape, strides, x.offset, "ViewBackward0", (g) => g.reshape(x.shape as number[]));
}

export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const newShape = resolveShape(shape, x.numel());
  if (numelOf(newShape) !== x.numel()) throw new Error(`shape ${formatShape(newShape)} is invalid for input of size ${x.numel()}`);
  if (shapesEqual(newShape, x.shape)) return x;
  const strides = x.isContiguous() ? contiguousStrides(newShape) : viewStrides(x.shape, x.strides, newShape);
  if (strides) return viewOf(x, newShape, strides, x.offset, "ViewBackward0", (g) => g.reshape(x.shape as number[]));
  return view(contiguous(x), newShape);
}

export function permute(x: Tensor, dims: readonly number[]): Tensor {
  if (dims.length !== x.ndim) throw new Error(`permute: number of dims don't match: got ${dims.length} dims for a tensor of shape ${formatShape(x.shape)}`);
  const nd = dims.map((d) => normalizeDim(d, x.ndim));
  if (new Set(nd).size !== nd.length) throw new Error(`permute: repeated dim in ${JSON.stringify(dims)}`);
  const inverse = new Array<number>(nd.length);
  nd.forEach((d, i) => (inverse[d] = i));
  return viewOf(
    x,
    nd.map((d) => x.shape[d]),
    nd.map((d) => x.strides[d]),
    x.offset,
    "PermuteBackward0",
    (g) => permute(g, inverse),
  );
}

export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  if (x.ndim === 0) return x;
  const a = normalizeDim(dim0, x.ndim);
  const b = normalizeDim(dim1, x.ndim);
  const dims = x.shape.map((_, i) => i);
  dims[a] = b;
  dims[b] = a;
  return permute(x, dims);
}

export function expand(x: Tensor, shape: readonly number[]): Tensor {
  if (shape.length < x.ndim)
    throw new Error(`expand: the number of sizes provided (${shape.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`);
  const lead = shape.length - x.ndim;
  const newShape = new Array<number>(shape.length);
  const strides = new Array<number>(shape.length);
  for (let i = 0; i < shape.length; i++) {
    const j = i - lead;
    const want = shape[i];
    if (j < 0) {
      if (want < 0) throw new Error(`expand: -1 is not allowed in a leading, non-existing dimension (shape ${formatShape(shape)})`);
      newShape[i] = want;
      strides[i] = 0;
    } else if (want === -1 || want === x.shape[j]) {
      newShape[i] = x.shape[j];
      strides[i] = x.strides[j];
    } else if (x.shape[j] === 1) {
      newShape[i] = want;
      strides[i] = 0;
    } else {
      throw new Error(
        `expand: the expanded size of the tensor (${want}) must match the existing size (${x.shape[j]}) at non-singleton dimension ${i}. Target sizes: ${formatShape(shape)}. Tensor sizes: ${formatShape(x.shape)}`,
      );
    }
  }
  if (shapesEqual(newShape, x.shape)) return x;
  return viewOf(x, newShape, strides, x.offset, "ExpandBackward0", (g) => sumToShape(g, x.shape));
}

export function squeeze(x: Tensor, dim?: number): Tensor {
  let keep: number[];
  if (dim === undefined) keep = x.shape.map((_, i) => i).filter((i) => x.shape[i] !== 1);
  else {
    const d = normalizeDim(dim, x.ndim);
    keep = x.shape.map((_, i) => i).filter((i) => i !== d || x.shape[i] !== 1);
  }
  if (keep.length === x.ndim) return x;
  return viewOf(
    x,
    keep.map((i) => x.shape[i]),
    keep.map((i) => x.strides[i]),
    x.offset,
    "SqueezeBackward0",
    (g) => g.reshape(x.shape as number[]),
  );
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.ndim + 1);
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  shape.splice(d, 0, 1);
  strides.splice(d, 0, d < x.ndim ? x.strides[d] * x.shape[d] : 1);
  return viewOf(x, shape, strides, x.offset, "UnsqueezeBackward0", (g) => g.reshape(x.shape as number[]));
}

export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return x.reshape([1]);
  const s = normalizeDim(startDim, x.ndim);
  const e = normalizeDim(endDim, x.ndim);
  if (s > e) throw new Error(`flatten() has invalid args: start_dim (${startDim}) cannot come after end_dim (${endDim})`);
  const shape = [...x.shape.slice(0, s), numelOf(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  return reshape(x, shape);
}

/** x[..., start:stop:step, ...] along one dim: a view; its gradient lands in the same window of zeros. */
export function sliceDim(x: Tensor, dim: number, start: number, stop: number, step = 1): Tensor {
  const d = normalizeDim(dim, x.ndim);
  if (step <= 0) throw new Error("slice step must be positive");
  const size = x.shape[d];
  const clampIdx = (i: number) => Math.min(Math.max(i < 0 ? i + size : i, 0), size);
  const s = clampIdx(start);
  const e = Math.max(clampIdx(stop), s);
  const len = Math.ceil((e - s) / step);
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  shape[d] = len;
  strides[d] = x.strides[d] * step;
  const offset = x.offset + s * x.strides[d];
  if (s === 0 && len === size && step === 1) return x;
  return viewOf(x, shape, strides, offset, "SliceBackward0", (g) => {
    const z = Tensor.zeros(x.shape, g.dtype);
    const zStrides = contiguousStrides(x.shape);
    const st = zStrides.slice();
    st[d] *= step;
    kernels.stridedScatter(z.storage, s * zStrides[d], shape, st, g.flat(), false);
    return z;
  });
}

export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = normalizeDim(dim, x.ndim);
  if (start < 0) start += x.shape[d];
  if (start < 0 || length < 0 || start + length > x.shape[d])
    throw new Error(`narrow: start (${start}) + length (${length}) exceeds dimension size (${x.shape[d]})`);
  return sliceDim(x, d, start, start + length);
}

export function select(x: Tensor, dim: number, index: number): Tensor {
  const d = normalizeDim(dim, x.ndim);
  const size = x.shape[d];
  if (!Number.isInteger(index) || index < -size || index >= size) throw new Error(`index ${index} is out of bounds for dimension ${d} with size ${size}`);
  const i = index < 0 ? index + size : index;
  const shape = x.shape.filter((_, k) => k !== d);
  const strides = x.strides.filter((_, k) => k !== d);
  return viewOf(x, shape, strides, x.offset + i * x.strides[d], "SelectBackward0", (g) => {
    const z = Tensor.zeros(x.shape, g.dtype);
    const zs = contiguousStrides(x.shape);
    kernels.stridedScatter(
      z.storage,
      i * zs[d],
      shape,
      zs.filter((_, k) => k !== d),
      g.flat(),
      false,
    );
    return z;
  });
}

/** Tensor.unfold: windows of `size` every `step` along dim, as a new last dim (overlapping view). */
export function unfold(x: Tensor, dim: number, size: number, step: number): Tensor {
  const d = normalizeDim(dim, x.ndim);
  if (size > x.shape[d]) throw new Error(`unfold: size (${size}) exceeds dimension ${d} of size ${x.shape[d]}`);
  if (step <= 0) throw new Error("unfold: step must be positive");
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  shape[d] = Math.floor((x.shape[d] - size) / step) + 1;
  strides[d] = x.strides[d] * step;
  shape.push(size);
  strides.push(x.strides[d]);
  return viewOf(x, shape, strides, x.offset, "UnfoldBackward0", (g) => {
    // windows overlap, so their gradients add up
    const z = Tensor.zeros(x.shape, g.dtype);
    const zs = contiguousStrides(x.shape);
    const st = zs.slice();
    st[d] = zs[d] * step;
    st.push(zs[d]);
    kernels.stridedScatter(z.storage, 0, shape, st, g.flat(), true);
    return z;
  });
}

export function contiguous(x: Tensor): Tensor {
  if (x.isContiguous()) return x;
  return clone(x);
}

export function clone(x: Tensor): Tensor {
  const out = Tensor.empty(x.shape, x.dtype);
  kernels.stridedCopy(out.storage, x.storage, x.offset, x.shape, x.strides);
  return record(out, "CloneBackward0", [x], (g) => [g]);
}
