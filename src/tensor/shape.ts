export type Shape = readonly number[];

export function numelOf(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/** "(27, 27)" / "(27,)" / "()": PyTorch's tuple spelling, so errors read like torch's. */
export function formatShape(shape: Shape): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Resolves a possibly negative dim against `ndim`, with PyTorch's error for out-of-range dims. */
export function normalizeDim(dim: number, ndim: number, what = "dim"): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -n || dim >= n)
    throw new Error(`${what} ${dim} is out of range for a tensor with ${ndim} dimension(s) (expected -${n} to ${n - 1})`);
  return dim < 0 ? dim + n : dim;
}

/** Broadcasts two shapes with NumPy/PyTorch rules: align from the right; sizes equal, or one is 1. */
export function broadcastShapes(a: Shape, b: Shape, op = "op"): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1)
      throw new Error(
        `${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast: ` +
          `the size of a (${da}) must match the size of b (${db}) at non-singleton dimension ${i}`,
      );
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides that read a tensor of `shape`/`strides` as if it had `target` shape (0 on broadcast dims). */
export function broadcastStrides(shape: Shape, strides: readonly number[], target: Shape): number[] {
  const out = new Array<number>(target.length).fill(0);
  const off = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[i + off] = shape[i] === 1 ? 0 : strides[i];
  return out;
}

/** Checks a user-provided shape: non-negative integers, at most one -1 (inferred from `numel`). */
export function resolveShape(shape: Shape, numel?: number): number[] {
  let infer = -1;
  let known = 1;
  const out = shape.slice() as number[];
  for (let i = 0; i < out.length; i++) {
    const s = out[i];
    if (s === -1 && numel !== undefined) {
      if (infer >= 0) throw new Error(`only one dimension can be inferred, got shape ${formatShape(shape)}`);
      infer = i;
    } else if (!Number.isInteger(s) || s < 0) {
      throw new Error(`invalid shape ${formatShape(shape)}: sizes must be non-negative integers`);
    } else known *= s;
  }
  if (infer >= 0) {
    if (known === 0 || numel! % known !== 0) throw new Error(`shape ${formatShape(shape)} is invalid for input of size ${numel}`);
    out[infer] = numel! / known;
  }
  return out;
}
