import { Tensor } from "../tensor.js";
import { contiguousStrides, formatShape, normalizeDim, numelOf } from "../shape.js";
import { promoteTypes } from "../dtype.js";
import { record } from "../autograd.js";
import { kernels } from "../../backend/index.js";
import { narrow, sliceDim, unsqueeze } from "./view.js";

/** torch.cat: joins along an existing dim; every other dim must match. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new Error("cat: expected a non-empty list of Tensors");
  const parts = tensors.filter((t) => !(t.ndim === 1 && t.shape[0] === 0)); // torch skips legacy empty (0,) tensors
  if (parts.length === 0) return tensors[0];
  const ref = parts[0];
  const d = normalizeDim(dim, ref.ndim);
  let dtype = ref.dtype;
  let total = 0;
  for (const t of parts) {
    if (t.ndim !== ref.ndim) throw new Error(`cat: tensors must have the same number of dimensions: got ${formatShape(ref.shape)} and ${formatShape(t.shape)}`);
    for (let i = 0; i < ref.ndim; i++)
      if (i !== d && t.shape[i] !== ref.shape[i])
        throw new Error(`cat: sizes of tensors must match except in dimension ${d}: got ${formatShape(ref.shape)} and ${formatShape(t.shape)}`);
    dtype = promoteTypes(dtype, t.dtype);
    total += t.shape[d];
  }
  const shape = ref.shape.slice();
  shape[d] = total;
  const out = Tensor.empty(shape, dtype);
  const strides = contiguousStrides(shape);
  let at = 0;
  const rows = numelOf(shape.slice(0, d));
  const rowLen = total * (strides[d] ?? 1);
  for (const t of parts) {
    const src = t.flat();
    if (src.constructor === out.storage.constructor) {
      // each part is one contiguous block per leading index: copy rows with set()
      const len = t.shape[d] * (strides[d] ?? 1);
      const dst = out.storage as Float32Array;
      for (let r = 0; r < rows; r++) dst.set((src as Float32Array).subarray(r * len, (r + 1) * len), r * rowLen + at * strides[d]);
    } else kernels.stridedScatter(out.storage, at * strides[d], t.shape, strides, src, false);
    at += t.shape[d];
  }
  return record(out, "CatBackward0", parts, (g) => {
    let start = 0;
    return parts.map((t) => {
      const piece = blockOf(g, d, start, t.shape[d]);
      start += t.shape[d];
      return piece;
    });
  });
}

/**
 * g[..., start:start+len, ...] along d as a contiguous tensor: a view when it already is, else
 * one set() per leading index (strided views feed slow paths downstream, e.g. the gradient
 * sums of an RNN's hidden states).
 */
function blockOf(g: Tensor, d: number, start: number, len: number): Tensor {
  const view = narrow(g, d, start, len);
  if (view.isContiguous() || !g.isContiguous()) return view;
  const inner = numelOf(g.shape.slice(d + 1));
  const rows = numelOf(g.shape.slice(0, d));
  const rowLen = g.shape[d] * inner;
  const chunk = len * inner;
  const out = Tensor.empty(view.shape, g.dtype);
  const src = g.storage as Float32Array;
  const dst = out.storage as Float32Array;
  for (let r = 0; r < rows; r++) dst.set(src.subarray(g.offset + r * rowLen + start * inner, g.offset + r * rowLen + start * inner + chunk), r * chunk);
  return out;
}

export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new Error("stack: expected a non-empty list of Tensors");
  const d = normalizeDim(dim, tensors[0].ndim + 1);
  for (const t of tensors)
    if (t.shape.length !== tensors[0].shape.length || t.shape.some((s, i) => s !== tensors[0].shape[i]))
      throw new Error(`stack: expects each tensor to be equal size, but got ${formatShape(tensors[0].shape)} and ${formatShape(t.shape)}`);
  return cat(
    tensors.map((t) => unsqueeze(t, d)),
    d,
  );
}

export function split(x: Tensor, splitSize: number | readonly number[], dim = 0): Tensor[] {
  const d = normalizeDim(dim, x.ndim);
  const size = x.shape[d];
  let sizes: number[];
  if (typeof splitSize === "number") {
    if (!Number.isInteger(splitSize) || splitSize <= 0) throw new Error(`split: split_size must be a positive integer, got ${splitSize}`);
    sizes = [];
    for (let s = 0; s < size; s += splitSize) sizes.push(Math.min(splitSize, size - s));
    if (size === 0) sizes.push(0);
  } else {
    sizes = [...splitSize];
    const sum = sizes.reduce((a, b) => a + b, 0);
    if (sum !== size) throw new Error(`split: split sizes ${JSON.stringify(sizes)} must sum to the size of dim ${d} (${size})`);
  }
  let start = 0;
  return sizes.map((n) => {
    const piece = narrow(x, d, start, n);
    start += n;
    return piece;
  });
}

export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  const d = normalizeDim(dim, x.ndim);
  if (!Number.isInteger(chunks) || chunks <= 0) throw new Error(`chunk: chunks must be a positive integer, got ${chunks}`);
  return split(x, Math.max(1, Math.ceil(x.shape[d] / chunks)), d);
}

export function unbind(x: Tensor, dim = 0): Tensor[] {
  const d = normalizeDim(dim, x.ndim);
  return Array.from({ length: x.shape[d] }, (_, i) => x.select(d, i));
}

/** torch.roll: elements shifted along dims, wrapping around; without dims, over the flattened tensor. */
export function roll(x: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
  const sh = typeof shifts === "number" ? [shifts] : [...shifts];
  if (dims === undefined) {
    if (sh.length !== 1) throw new Error("roll: without dims, shifts must be a single number");
    return roll(x.flatten(), sh[0], 0).reshape(x.shape as number[]);
  }
  const ds = typeof dims === "number" ? [dims] : [...dims];
  if (ds.length !== sh.length) throw new Error(`roll: shifts (${sh.length}) and dims (${ds.length}) must have the same length`);
  let out = x;
  for (let i = 0; i < ds.length; i++) {
    const d = normalizeDim(ds[i], x.ndim);
    const n = x.shape[d];
    if (n === 0) continue;
    const s = ((sh[i] % n) + n) % n;
    if (s === 0) continue;
    out = cat([sliceDim(out, d, n - s, n), sliceDim(out, d, 0, n - s)], d);
  }
  return out;
}
