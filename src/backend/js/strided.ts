import type { AnyArray, BinaryOp } from "../kernels/index.js";

/**
 * Merges adjacent dims that every operand walks contiguously, so a broadcast over (32, 16, 27)
 * becomes a loop over at most a few dims. Returns [shape, ...stridesPerOperand].
 */
function coalesce(shape: readonly number[], stridesList: (readonly number[])[]): [number[], number[][]] {
  const outShape: number[] = [];
  const outStrides: number[][] = stridesList.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const last = outShape.length - 1;
    let merge = last >= 0;
    if (merge) {
      for (let k = 0; k < stridesList.length; k++) {
        if (outStrides[k][last] !== stridesList[k][d] * shape[d]) {
          merge = false;
          break;
        }
      }
    }
    if (merge) {
      outShape[last] *= shape[d];
      for (let k = 0; k < stridesList.length; k++) outStrides[k][last] = stridesList[k][d];
    } else {
      outShape.push(shape[d]);
      for (let k = 0; k < stridesList.length; k++) outStrides[k].push(stridesList[k][d]);
    }
  }
  if (outShape.length === 0) {
    outShape.push(1);
    for (const s of outStrides) s.push(0);
  }
  return [outShape, outStrides];
}

export function stridedCopy(out: AnyArray, inp: AnyArray, offset: number, shape: readonly number[], strides: readonly number[]): void {
  const [sh, [st]] = coalesce(shape, [strides]);
  const nd = sh.length;
  const inner = sh[nd - 1];
  const innerStride = st[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  let total = 1;
  for (const s of sh) total *= s;
  let o = 0;
  let base = offset;
  while (o < total) {
    if (innerStride === 1) {
      for (let i = 0; i < inner; i++) out[o + i] = inp[base + i];
    } else {
      let p = base;
      for (let i = 0; i < inner; i++, p += innerStride) out[o + i] = inp[p];
    }
    o += inner;
    // odometer over the outer dims
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]++;
      base += st[d];
      if (idx[d] < sh[d]) break;
      base -= st[d] * sh[d];
      idx[d] = 0;
    }
  }
}

export function stridedScatter(out: AnyArray, offset: number, shape: readonly number[], strides: readonly number[], inp: AnyArray, accumulate: boolean): void {
  const nd = shape.length;
  let total = 1;
  for (const s of shape) total *= s;
  if (total === 0) return;
  if (nd === 0) {
    out[offset] = accumulate ? out[offset] + inp[0] : inp[0];
    return;
  }
  const inner = shape[nd - 1];
  const innerStride = strides[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  let base = offset;
  for (let o = 0; o < total; o += inner) {
    let p = base;
    if (accumulate) for (let i = 0; i < inner; i++, p += innerStride) out[p] += inp[o + i];
    else for (let i = 0; i < inner; i++, p += innerStride) out[p] = inp[o + i];
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]++;
      base += strides[d];
      if (idx[d] < shape[d]) break;
      base -= strides[d] * shape[d];
      idx[d] = 0;
    }
  }
}

type Inner = (out: AnyArray, o: number, a: AnyArray, ia: number, sa: number, b: AnyArray, ib: number, sb: number, n: number) => void;

// One monomorphic inner loop per op: the switch happens once per row, never per element.
const INNER: Record<BinaryOp, Inner> = {
  add: (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] + b[ib];
  },
  sub: (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] - b[ib];
  },
  mul: (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] * b[ib];
  },
  div: (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] / b[ib];
  },
  pow: (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = Math.pow(a[ia], b[ib]);
  },
  maximum: (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) {
      const x = a[ia],
        y = b[ib];
      out[o + i] = x !== x || y !== y ? NaN : x > y ? x : y;
    }
  },
  minimum: (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) {
      const x = a[ia],
        y = b[ib];
      out[o + i] = x !== x || y !== y ? NaN : x < y ? x : y;
    }
  },
  eq: (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] === b[ib] ? 1 : 0;
  },
  ne: (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] !== b[ib] ? 1 : 0;
  },
  lt: (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] < b[ib] ? 1 : 0;
  },
  le: (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] <= b[ib] ? 1 : 0;
  },
  gt: (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] > b[ib] ? 1 : 0;
  },
  ge: (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] >= b[ib] ? 1 : 0;
  },
};

export function binaryStrided(
  op: BinaryOp,
  out: AnyArray,
  shape: readonly number[],
  a: AnyArray,
  aOffset: number,
  aStrides: readonly number[],
  b: AnyArray,
  bOffset: number,
  bStrides: readonly number[],
): void {
  const inner = INNER[op];
  const [sh, [sa, sb]] = coalesce(shape, [aStrides, bStrides]);
  const nd = sh.length;
  const n = sh[nd - 1];
  const ia = sa[nd - 1];
  const ib = sb[nd - 1];
  let total = 1;
  for (const s of sh) total *= s;
  const idx = new Array<number>(nd).fill(0);
  let pa = aOffset;
  let pb = bOffset;
  for (let o = 0; o < total; o += n) {
    inner(out, o, a, pa, ia, b, pb, ib, n);
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]++;
      pa += sa[d];
      pb += sb[d];
      if (idx[d] < sh[d]) break;
      pa -= sa[d] * sh[d];
      pb -= sb[d] * sh[d];
      idx[d] = 0;
    }
  }
}
