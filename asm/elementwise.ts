// float32 elementwise kernels over n contiguous values. Each loop runs whole vectors, then one
// partial vector for the 1–3 value tail (loadTail / storeTail never touch memory past n).
// + - * keep the reference's rounding exactly (no FMA where the reference rounds twice).
import { madd, splat, loadTail, storeTail, vexp, vexpClamped, vlog, vtanh, vsigmoid } from "./simd";

const GELU_K: f32 = 0.7978845608028654; // √(2/π)
const GELU_C: f32 = 0.044715;

// @ts-ignore: decorator
@inline function at(p: usize, i: i32): usize {
  return p + (<usize>i << 2);
}

export function add(out: usize, a: usize, b: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), f32x4.add(v128.load(at(a, i)), v128.load(at(b, i))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), f32x4.add(loadTail(at(a, i), r, splat(0)), loadTail(at(b, i), r, splat(0))), r);
}

export function mul(out: usize, a: usize, b: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), f32x4.mul(v128.load(at(a, i)), v128.load(at(b, i))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), f32x4.mul(loadTail(at(a, i), r, splat(0)), loadTail(at(b, i), r, splat(0))), r);
}

/** out = a + alpha·b, the product rounded before the add as in the reference */
export function axpy(out: usize, a: usize, b: usize, alpha: f32, n: i32): void {
  const al = splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), f32x4.add(v128.load(at(a, i)), f32x4.mul(al, v128.load(at(b, i)))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), f32x4.add(loadTail(at(a, i), r, splat(0)), f32x4.mul(al, loadTail(at(b, i), r, splat(0)))), r);
}

/** out = alpha·inp + beta */
export function affine(out: usize, inp: usize, alpha: f32, beta: f32, n: i32): void {
  const al = splat(alpha);
  const be = splat(beta);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), f32x4.add(f32x4.mul(al, v128.load(at(inp, i))), be));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), f32x4.add(f32x4.mul(al, loadTail(at(inp, i), r, splat(0))), be), r);
}

export function exp(out: usize, inp: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), vexp(v128.load(at(inp, i))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), vexp(loadTail(at(inp, i), r, splat(0))), r);
}

export function log(out: usize, inp: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), vlog(v128.load(at(inp, i))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), vlog(loadTail(at(inp, i), r, splat(1))), r);
}

export function tanh(out: usize, inp: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), vtanh(v128.load(at(inp, i))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), vtanh(loadTail(at(inp, i), r, splat(0))), r);
}

export function sigmoid(out: usize, inp: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), vsigmoid(v128.load(at(inp, i))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), vsigmoid(loadTail(at(inp, i), r, splat(0))), r);
}

// x where x > 0 or x is NaN (NaN propagates, as in torch), else 0
// @ts-ignore: decorator
@inline function vrelu(x: v128): v128 {
  return v128.and(x, v128.or(f32x4.gt(x, splat(0)), f32x4.ne(x, x)));
}

export function relu(out: usize, inp: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), vrelu(v128.load(at(inp, i))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), vrelu(loadTail(at(inp, i), r, splat(0))), r);
}

// GELU (tanh form) = x·σ(2u), u = √(2/π)(x + 0.044715x³): one exp and one divide, max abs error
// ≈ 5e-7. e = exp(-2u) stays finite (≤ exp(88)), so σ·e (= 1 - σ, used by the backward) never
// becomes inf·0 at x = -inf. The forward can use the clamped exp; the backward keeps the exact 0
// for x = +inf so that its inf·0 gives NaN there, as the reference's tanh form does.
// @ts-ignore: decorator
@inline function geluArg(x: v128): v128 {
  return f32x4.mul(f32x4.mul(x, splat(-2 * GELU_K)), madd(f32x4.mul(x, x), splat(GELU_C), splat(1)));
}

// @ts-ignore: decorator
@inline function vgelu(x: v128): v128 {
  return f32x4.div(x, f32x4.add(splat(1), vexpClamped(geluArg(x))));
}

export function gelu(out: usize, inp: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), vgelu(v128.load(at(inp, i))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), vgelu(loadTail(at(inp, i), r, splat(0))), r);
}

// d/dx x·σ(2u) = σ + 2x·σ(1-σ)·u',  u' = √(2/π)(1 + 3·0.044715x²), with 1-σ = e·σ computed
// without cancellation (the tanh form 1 - t² loses everything once t rounds to ±1).
// @ts-ignore: decorator
@inline function vgeluGrad(dy: v128, x: v128): v128 {
  const e = vexp(f32x4.pmin(geluArg(x), splat(88)));
  const s = f32x4.div(splat(1), f32x4.add(splat(1), e));
  const oneMinusS = f32x4.mul(e, s);
  const du = madd(f32x4.mul(x, x), splat(3 * GELU_C * GELU_K), splat(GELU_K));
  const twoX = f32x4.add(x, x);
  return f32x4.mul(dy, madd(f32x4.mul(twoX, f32x4.mul(s, oneMinusS)), du, s));
}

export function geluBackward(dinp: usize, dout: usize, inp: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(dinp, i), vgeluGrad(v128.load(at(dout, i)), v128.load(at(inp, i))));
  const r = n - i;
  if (r > 0) storeTail(at(dinp, i), vgeluGrad(loadTail(at(dout, i), r, splat(0)), loadTail(at(inp, i), r, splat(0))), r);
}

// 1 - y² as (1 - y)(1 + y): 1 - y is exact near ±1, where 1 - y·y would cancel
// @ts-ignore: decorator
@inline function oneMinusSquare(y: v128): v128 {
  return f32x4.mul(f32x4.sub(splat(1), y), f32x4.add(splat(1), y));
}

/** dinp = dout·(1 - out²) */
export function tanhBackward(dinp: usize, dout: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(dinp, i), f32x4.mul(v128.load(at(dout, i)), oneMinusSquare(v128.load(at(out, i)))));
  const r = n - i;
  if (r > 0) storeTail(at(dinp, i), f32x4.mul(loadTail(at(dout, i), r, splat(0)), oneMinusSquare(loadTail(at(out, i), r, splat(0)))), r);
}

/** dinp = dout·out·(1 - out) */
export function sigmoidBackward(dinp: usize, dout: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const y = v128.load(at(out, i));
    v128.store(at(dinp, i), f32x4.mul(f32x4.mul(v128.load(at(dout, i)), y), f32x4.sub(splat(1), y)));
  }
  const r = n - i;
  if (r > 0) {
    const y = loadTail(at(out, i), r, splat(0));
    storeTail(at(dinp, i), f32x4.mul(f32x4.mul(loadTail(at(dout, i), r, splat(0)), y), f32x4.sub(splat(1), y)), r);
  }
}
