import { Tensor } from "../tensor.js";
import { formatShape, normalizeDim, numelOf, shapesEqual } from "../shape.js";
import { record } from "../autograd.js";
import { kernels } from "../../backend/index.js";
import { allocStorage } from "../storage.js";
import { leafGradBuffer } from "./grad-utils.js";
import { activationTap } from "../activation-tap.js";
import { mul, unaryGrad } from "./pointwise.js";
import { contiguous, permute, transpose } from "./view.js";

type F32 = Float32Array;

function requireFloat32(x: Tensor, op: string): void {
  if (x.dtype !== "float32") throw new Error(`${op}: expected a float32 tensor, got ${x.dtype} (use .float())`);
}

/** Runs a row kernel over `dim` by moving it last (a no-op when it already is). */
function overLastDim(x: Tensor, dim: number, fn: (rowsView: Tensor) => Tensor): Tensor {
  const d = normalizeDim(dim, x.ndim);
  if (x.ndim === 0 || d === x.ndim - 1) return fn(x);
  return transpose(fn(contiguous(transpose(x, d, -1))), d, -1);
}

export function softmax(x: Tensor, dim: number): Tensor {
  requireFloat32(x, "softmax");
  return overLastDim(x, dim, (v) => {
    const cols = v.shape[v.ndim - 1] ?? 1;
    const rows = numelOf(v.shape) / (cols || 1);
    const out = Tensor.empty(v.shape, "float32");
    kernels.softmax(out.f32(), v.f32(), rows, cols);
    // dx = y ⊙ (g - Σ g ⊙ y)
    return record(out, "SoftmaxBackward0", [v], (g) => {
      const dx = Tensor.empty(v.shape, "float32");
      kernels.softmaxBackward(dx.f32(), g.f32(), out.f32(), rows, cols);
      return [dx];
    });
  });
}

export function logSoftmax(x: Tensor, dim: number): Tensor {
  requireFloat32(x, "logSoftmax");
  return overLastDim(x, dim, (v) => {
    const cols = v.shape[v.ndim - 1] ?? 1;
    const rows = numelOf(v.shape) / (cols || 1);
    const out = Tensor.empty(v.shape, "float32");
    kernels.logSoftmax(out.f32(), v.f32(), rows, cols);
    // dx = g - softmax(x) Σ g
    return record(out, "LogSoftmaxBackward0", [v], (g) => {
      const dx = Tensor.empty(v.shape, "float32");
      kernels.logSoftmaxBackward(dx.f32(), g.f32(), out.f32(), rows, cols);
      return [dx];
    });
  });
}

export interface CrossEntropyOptions {
  ignoreIndex?: number;
  reduction?: "mean" | "sum" | "none";
}

/**
 * F.cross_entropy over logits (N, C), (C,) or (N, C, d…) with integer class targets, fused with
 * its softmax. Mean reduction divides by the number of targets that are not ignoreIndex.
 */
export function crossEntropy(logits: Tensor, target: Tensor, opts: CrossEntropyOptions = {}): Tensor {
  requireFloat32(logits, "crossEntropy");
  if (target.isFloatingPoint || target.dtype === "bool")
    throw new Error(`crossEntropy: expected integer class indices as target, got ${target.dtype} (probability targets are not supported)`);
  const ignoreIndex = opts.ignoreIndex ?? -100;
  const reduction = opts.reduction ?? "mean";
  let x = logits;
  let t = target;
  if (x.ndim === 1) {
    x = x.unsqueeze(0);
    t = t.reshape([1]);
  } else if (x.ndim > 2) {
    // (N, C, d…) → (N·d…, C)
    const C = x.shape[1];
    const classLast = [0, ...x.shape.map((_, i) => i).slice(2), 1];
    const moved = contiguous(permute(x, classLast));
    x = moved.reshape([-1, C]);
    t = t.reshape([-1]);
  }
  const [rows, cols] = x.shape;
  const expectTarget = logits.ndim > 2 ? [logits.shape[0], ...logits.shape.slice(2)] : logits.ndim === 2 ? [logits.shape[0]] : [];
  if (!shapesEqual(target.shape, expectTarget))
    throw new Error(
      `crossEntropy: target shape ${formatShape(target.shape)} does not match logits ${formatShape(logits.shape)} (expected ${formatShape(expectTarget)})`,
    );
  const targets = t.i32();
  const probs = Tensor.empty([rows, cols], "float32");
  const losses = Tensor.empty([rows], "float32");
  const count = kernels.crossEntropy(probs.f32(), losses.f32(), x.f32(), targets, rows, cols, ignoreIndex);
  let out: Tensor;
  if (reduction === "none") out = losses.reshape(expectTarget);
  else {
    let s = 0;
    const L = losses.f32();
    for (let i = 0; i < rows; i++) s += L[i];
    out = Tensor.empty([], "float32");
    out.storage[0] = reduction === "mean" ? s / count : s;
  }
  // d/dlogits = (softmax - onehot(target)) · upstream, zero on ignored rows
  return record(out, "CrossEntropyBackward", [x], (g) => {
    const dx = Tensor.empty([rows, cols], "float32");
    if (reduction === "none") {
      const gs = g.flat();
      kernels.crossEntropyBackward(dx.f32(), probs.f32(), targets, 1, rows, cols, ignoreIndex);
      const D = dx.f32();
      for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) D[r * cols + j] *= gs[r];
    } else {
      const scale = g.item() / (reduction === "mean" ? count : 1);
      kernels.crossEntropyBackward(dx.f32(), probs.f32(), targets, scale, rows, cols, ignoreIndex);
    }
    return [dx];
  });
}

export function layerNorm(x: Tensor, normalizedShape: number | readonly number[], weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor {
  requireFloat32(x, "layerNorm");
  const ns = typeof normalizedShape === "number" ? [normalizedShape] : [...normalizedShape];
  if (!shapesEqual(x.shape.slice(x.ndim - ns.length), ns))
    throw new Error(`layerNorm: normalized_shape ${formatShape(ns)} does not match the last dims of input ${formatShape(x.shape)}`);
  const C = numelOf(ns);
  for (const p of [weight, bias])
    if (p && p.numel() !== C) throw new Error(`layerNorm: weight/bias of shape ${formatShape(p.shape)} do not match normalized_shape ${formatShape(ns)}`);
  const rows = numelOf(x.shape) / C;
  const X = x.f32();
  const W = weight ? weight.f32() : null;
  const B = bias ? bias.f32() : null;
  const out = Tensor.empty(x.shape, "float32");
  // typed arrays from the allocator: a fresh JS-heap array costs microseconds, an arena view nanoseconds
  const mean = allocStorage("float32", rows, true) as F32;
  const rstd = allocStorage("float32", rows, true) as F32;
  kernels.layerNorm(out.f32(), mean, rstd, X, W, B, rows, C, eps);
  const inputs = [x, ...(weight ? [weight] : []), ...(bias ? [bias] : [])];
  return record(out, "NativeLayerNormBackward0", inputs, (g) => {
    const dx = x.requiresGrad ? Tensor.empty(x.shape, "float32") : null;
    const wInto = leafGradBuffer(weight);
    const bInto = leafGradBuffer(bias);
    const dw = weight?.requiresGrad && !wInto ? Tensor.zeros(weight.shape, "float32") : null;
    const db = bias?.requiresGrad && !bInto ? Tensor.zeros(bias.shape, "float32") : null;
    kernels.layerNormBackward(dx && dx.f32(), wInto ?? (dw && dw.f32()), bInto ?? (db && db.f32()), g.f32(), X, W, mean, rstd, rows, C);
    const grads: (Tensor | null)[] = [dx];
    if (weight) grads.push(dw);
    if (bias) grads.push(db);
    return grads;
  });
}

/** erf to float32 accuracy (Abramowitz & Stegun 7.1.26 is too coarse; this is W. J. Cody's rational form). */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 0.5) {
    const t = x * x;
    const num = (((0.185777706184603153 * t + 3.1611237438705656) * t + 113.864154151050156) * t + 377.485237685302021) * t + 3209.37758913846947;
    const den = (((t + 23.6012909523441209) * t + 244.024637934444173) * t + 1282.61652607737228) * t + 2844.23683343917062;
    return (x * num) / den;
  }
  const e = 1 - erfcPositive(ax);
  return x < 0 ? -e : e;
}

function erfcPositive(x: number): number {
  if (x < 4) {
    const num =
      ((((((5.64188496988670089e-1 * x + 8.88314979438837594) * x + 66.1191906371416295) * x + 298.635138197400131) * x + 881.95222124176909) * x +
        1712.04761263407058) *
        x +
        2051.07837782607147) *
        x +
      1230.33935479799725;
    const den =
      (((((((x + 15.7449261107098347) * x + 117.693950891312499) * x + 537.181101862009858) * x + 1621.38957456669019) * x + 3290.79923573345963) * x +
        4362.61909014324716) *
        x +
        3439.36767414372164) *
        x +
      1230.33935480374942;
    return (Math.exp(-x * x) * num) / den;
  }
  const z = 1 / (x * x);
  const num =
    ((((1.63153871373020978e-2 * z + 3.05326634961232344e-1) * z + 3.60344899949804439e-1) * z + 1.25781726111229246e-1) * z + 1.60837851487422766e-2) * z +
    6.58749161529837803e-4;
  const den = ((((z + 2.56852019228982242) * z + 1.87295284992346725) * z + 5.27905102951428412e-1) * z + 6.05183413124413191e-2) * z + 2.33520497626869185e-3;
  return (Math.exp(-x * x) / x) * (1 / Math.sqrt(Math.PI) - (z * num) / den);
}

/** F.gelu. approximate "none" (torch's default) uses erf; "tanh" is GPT-2's approximation. */
export function gelu(x: Tensor, opts?: { approximate?: "tanh" | "none" }): Tensor {
  const out = geluOp(x, opts);
  if (activationTap) activationTap("gelu", out);
  return out;
}

function geluOp(x: Tensor, opts?: { approximate?: "tanh" | "none" }): Tensor {
  requireFloat32(x, "gelu");
  const n = x.numel();
  const out = Tensor.empty(x.shape, "float32");
  const X = x.f32();
  if ((opts?.approximate ?? "none") === "tanh") {
    kernels.gelu(out.f32(), X, n);
    return record(out, "GeluBackward0", [x], (g) => [unaryGrad(g, x.detach().contiguous(), "geluBackward")]);
  }
  const o = out.storage;
  for (let i = 0; i < n; i++) o[i] = 0.5 * X[i] * (1 + erf(X[i] / Math.SQRT2));
  // d/dx = Φ(x) + x φ(x)
  return record(out, "GeluBackward0", [x], (g) => {
    const d = Tensor.empty(x.shape, "float32");
    for (let i = 0; i < n; i++) {
      const v = X[i];
      d.storage[i] = 0.5 * (1 + erf(v / Math.SQRT2)) + (v * Math.exp(-0.5 * v * v)) / Math.sqrt(2 * Math.PI);
    }
    return [mul(g, d)];
  });
}
