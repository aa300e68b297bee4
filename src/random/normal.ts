/** The Box-Muller normal samplers of torch's CPU `normal_kernel`, both paths. */
import { crLog, crSincos, fmaF64, type SinCosResult } from "./double-math.js";
import { fmaF32, logPs, sincosPs, type SinCos } from "./float32-math.js";
import type { Generator } from "./generator.js";

const f32 = Math.fround;

/** `_mm256_set1_ps(2.0f * c10::pi<double>)`: 2 pi rounded to float32. */
const TWO_PI_F32 = f32(2 * Math.PI);
/** Below this many elements (or for non-contiguous tensors) torch samples normals one by one. */
const VECTORISED_NORMAL_MIN = 16;

const float32SinCos: SinCos = { sin: 0, cos: 0 };
const float64SinCos: SinCosResult = { sin: 0, cos: 0 };

/**
 * `at::normal_distribution<double>`: one Box-Muller pair from two double uniforms (4 words); the
 * sine half is cached in the generator and returned, without drawing, by the next call.
 */
export function normalDistributionDouble(g: Generator, mean: number, std: number): number {
  const cached = g.nextDoubleNormalSample();
  if (cached !== null) {
    g.setNextDoubleNormalSample(null);
    return fmaF64(cached, std, mean);
  }
  const u1 = g.nextFloat64Uniform();
  const u2 = g.nextFloat64Uniform();
  const radius = Math.sqrt(-2 * crLog(1 - u2));
  crSincos(2 * Math.PI * u1, float64SinCos);
  g.setNextDoubleNormalSample(radius * float64SinCos.sin);
  return fmaF64(radius * float64SinCos.cos, std, mean);
}

/**
 * `normal_(mean, std)` / `randn` on a contiguous tensor. torch picks the algorithm by size:
 * n >= 16 runs the vectorised Box-Muller (float32: the AVX2 Cephes kernel; float64:
 * `normal_fill<double>`), which ignores and keeps the generator's normal cache; n < 16 draws
 * `normal_distribution<double>` per element, using and refilling the cache.
 */
export function normalFill(g: Generator, out: Float32Array | Float64Array, mean = 0, std = 1): void {
  if (!(std >= 0)) throw new Error(`normal expects std >= 0.0, but found std ${std}`);
  const n = out.length;
  if (n < VECTORISED_NORMAL_MIN) {
    for (let i = 0; i < n; i++) out[i] = normalDistributionDouble(g, mean, std);
  } else if (out instanceof Float32Array) {
    normalFillFloat32(g, out, f32(mean), f32(std));
  } else {
    normalFillFloat64(g, out, mean, std);
  }
}

/**
 * `normal_fill_AVX2`: all n uniforms first, then blocks of 16 where output j pairs uniform j (the
 * radius) with uniform j + 8 (the angle): cosines in the first half, sines in the second. A ragged
 * tail is not finished from the leftovers: 16 fresh uniforms overwrite the last 16 slots and that
 * block is transformed again, so n % 16 != 0 costs 16 extra words.
 */
function normalFillFloat32(g: Generator, out: Float32Array, mean: number, std: number): void {
  const n = out.length;
  fillUniformFloat32(g, out, 0, n);
  normalBlocksFloat32(out, n, mean, std);
  if (n % 16 !== 0) {
    fillUniformFloat32(g, out, n - 16, n);
    normalBlockFloat32(out, n - 16, mean, std);
  }
}

// The loops live in separate functions so that V8 optimises each on its own: one function holding
// both loops gets optimised during the first and then deoptimises on reaching the second.
function fillUniformFloat32(g: Generator, out: Float32Array, start: number, end: number): void {
  for (let i = start; i < end; i++) out[i] = g.nextFloat32Uniform();
}

function normalBlocksFloat32(d: Float32Array, n: number, mean: number, std: number): void {
  for (let i = 0; i < n - 15; i += 16) normalBlockFloat32(d, i, mean, std);
}

function normalBlockFloat32(d: Float32Array, base: number, mean: number, std: number): void {
  for (let j = base; j < base + 8; j++) {
    const u1 = f32(1 - d[j]); // (0, 1] for the log
    const radius = f32(Math.sqrt(f32(-2 * logPs(u1))));
    sincosPs(f32(TWO_PI_F32 * d[j + 8]), float32SinCos);
    d[j] = fmaF32(f32(radius * float32SinCos.cos), std, mean); // an explicit _mm256_fmadd_ps
    d[j + 8] = fmaF32(f32(radius * float32SinCos.sin), std, mean);
  }
}

/** `normal_fill<double>`: the same block layout and tail rule, in scalar double libm math. */
function normalFillFloat64(g: Generator, out: Float64Array, mean: number, std: number): void {
  const n = out.length;
  fillUniformFloat64(g, out, 0, n);
  normalBlocksFloat64(out, n, mean, std);
  if (n % 16 !== 0) {
    fillUniformFloat64(g, out, n - 16, n);
    normalBlockFloat64(out, n - 16, mean, std);
  }
}

function fillUniformFloat64(g: Generator, out: Float64Array, start: number, end: number): void {
  for (let i = start; i < end; i++) out[i] = g.nextFloat64Uniform();
}

function normalBlocksFloat64(d: Float64Array, n: number, mean: number, std: number): void {
  for (let i = 0; i < n - 15; i += 16) normalBlockFloat64(d, i, mean, std);
}

function normalBlockFloat64(d: Float64Array, base: number, mean: number, std: number): void {
  for (let j = base; j < base + 8; j++) {
    const radius = Math.sqrt(-2 * crLog(1 - d[j]));
    crSincos(2 * Math.PI * d[j + 8], float64SinCos);
    d[j] = fmaF64(radius * float64SinCos.cos, std, mean);
    d[j + 8] = fmaF64(radius * float64SinCos.sin, std, mean);
  }
}
