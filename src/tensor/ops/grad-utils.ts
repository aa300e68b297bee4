import { Tensor } from "../tensor.js";
import { type Shape, formatShape } from "../shape.js";
import { kernels } from "../../backend/index.js";
import { sum } from "./reduce.js";

/** Sums a broadcast gradient back down to `shape` (the reverse of broadcasting). */
export function sumToShape(g: Tensor, shape: Shape): Tensor {
  const lead = g.ndim - shape.length;
  if (lead < 0) throw new Error(`internal: gradient ${formatShape(g.shape)} has fewer dims than ${formatShape(shape)}`);
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
  }
  let out = dims.length ? sum(g, dims, { keepdim: true }) : g;
  if (lead > 0 || out.ndim !== shape.length) out = out.reshape(shape as number[]);
  return out;
}

/**
 * The leaf's own float32 gradient buffer, for fused backward kernels that accumulate (+=)
 * straight into it, or null when there is none yet (the first backward after zeroGrad to None).
 */
export function leafGradBuffer(t: Tensor | null | undefined): Float32Array | null {
  if (!t || !t.isLeaf || !t.requiresGrad || !t.grad) return null;
  const g = t.grad;
  return g.dtype === "float32" && g.isContiguous() && g.offset === 0 && g.storage.length === g.numel() ? (g.storage as Float32Array) : null;
}

/** leaf.grad += g: the first gradient is copied into a buffer the leaf owns, later ones add in place. */
export function accumulateInto(t: Tensor, g: Tensor): void {
  if (t.grad === null) {
    const own = Tensor.empty(t.shape, t.dtype);
    if (g.isContiguous()) own.storage.set(g.flat() as any);
    else kernels.stridedCopy(own.storage, g.storage, g.offset, g.shape, g.strides);
    t.grad = own;
    return;
  }
  const dst = t.grad;
  if (dst.dtype === "float32" && g.dtype === "float32" && dst.isContiguous() && g.isContiguous()) {
    const d = dst.flat() as Float32Array;
    kernels.add(d, d, g.flat() as Float32Array, d.length);
    return;
  }
  dst.add_(g);
}
