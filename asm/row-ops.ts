// Vector passes over one contiguous row of `n` floats, shared by the softmax family and
// attention. Whole vectors first, then one masked partial vector for the tail.
import { madd, splat, loadTail, storeTail, laneMask, hsum, hmax, vexp } from "./simd";

// @ts-ignore: decorator
@inline export function at(p: usize, i: i32): usize {
  return p + (<usize>i << 2);
}

/** max of the row; NaNs are skipped like `x > max` does (the row then turns NaN via exp) */
// @ts-ignore: decorator
@inline export function rowMax(p: usize, n: i32): f32 {
  let m = splat(-Infinity);
  let j = 0;
  for (; j + 4 <= n; j += 4) m = f32x4.pmax(m, v128.load(at(p, j)));
  if (j < n) m = f32x4.pmax(m, loadTail(at(p, j), n - j, splat(-Infinity)));
  return hmax(m);
}

/** out[j] = exp(inp[j] - shift); returns Σ out[j] */
// @ts-ignore: decorator
@inline export function rowExpShift(out: usize, inp: usize, n: i32, shift: f32): f32 {
  const sh = splat(shift);
  let s = splat(0);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const e = vexp(f32x4.sub(v128.load(at(inp, j)), sh));
    v128.store(at(out, j), e);
    s = f32x4.add(s, e);
  }
  const r = n - j;
  if (r > 0) {
    const e = v128.and(vexp(f32x4.sub(loadTail(at(inp, j), r, splat(0)), sh)), laneMask(r));
    storeTail(at(out, j), e, r);
    s = f32x4.add(s, e);
  }
  return hsum(s);
}

/** Σ exp(inp[j] - shift), nothing stored */
// @ts-ignore: decorator
@inline export function rowExpSum(inp: usize, n: i32, shift: f32): f32 {
  const sh = splat(shift);
  let s = splat(0);
  let j = 0;
  for (; j + 4 <= n; j += 4) s = f32x4.add(s, vexp(f32x4.sub(v128.load(at(inp, j)), sh)));
  const r = n - j;
  if (r > 0) s = f32x4.add(s, v128.and(vexp(f32x4.sub(loadTail(at(inp, j), r, splat(0)), sh)), laneMask(r)));
  return hsum(s);
}

/** out[j] = inp[j] · k */
// @ts-ignore: decorator
@inline export function rowScale(out: usize, inp: usize, n: i32, k: f32): void {
  const kv = splat(k);
  let j = 0;
  for (; j + 4 <= n; j += 4) v128.store(at(out, j), f32x4.mul(v128.load(at(inp, j)), kv));
  const r = n - j;
  if (r > 0) storeTail(at(out, j), f32x4.mul(loadTail(at(inp, j), r, splat(0)), kv), r);
}

/** Σ a[j]·b[j] */
// @ts-ignore: decorator
@inline export function rowDot(a: usize, b: usize, n: i32): f32 {
  let s = splat(0);
  let j = 0;
  for (; j + 4 <= n; j += 4) s = madd(v128.load(at(a, j)), v128.load(at(b, j)), s);
  const r = n - j;
  if (r > 0) s = madd(loadTail(at(a, j), r, splat(0)), loadTail(at(b, j), r, splat(0)), s);
  return hsum(s);
}

/** Σ a[j] */
// @ts-ignore: decorator
@inline export function rowSum(a: usize, n: i32): f32 {
  let s = splat(0);
  let j = 0;
  for (; j + 4 <= n; j += 4) s = f32x4.add(s, v128.load(at(a, j)));
  const r = n - j;
  if (r > 0) s = f32x4.add(s, loadTail(at(a, j), r, splat(0)));
  return hsum(s);
}

/** out[j] += k·x[j] */
// @ts-ignore: decorator
@inline export function rowAxpy(out: usize, x: usize, n: i32, k: f32): void {
  const kv = splat(k);
  let j = 0;
  for (; j + 4 <= n; j += 4) v128.store(at(out, j), madd(kv, v128.load(at(x, j)), v128.load(at(out, j))));
  for (; j < n; j++) store<f32>(at(out, j), load<f32>(at(out, j)) + k * load<f32>(at(x, j)));
}

/** out[j] = 0 for j in [0, n) */
// @ts-ignore: decorator
@inline export function rowZero(out: usize, n: i32): void {
  if (n > 0) memory.fill(out, 0, <usize>n << 2);
}
