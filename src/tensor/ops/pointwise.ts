import { Tensor, type TensorLike } from "../tensor.js";
import { type DType, isFloating, promoteTypes, promoteWithScalar, floatTypeOf } from "../dtype.js";
import { broadcastShapes, broadcastStrides, formatShape, numelOf, shapesEqual } from "../shape.js";
import { record } from "../autograd.js";
import { castCopy, scalarTensor } from "../creation.js";
import { kernels, type BinaryOp } from "../../backend/index.js";
import { activationTap } from "../activation-tap.js";

/** Lifts a number to a 0-d tensor of the dtype it combines into. */
export function operands(a: TensorLike, b: TensorLike, op: string): [Tensor, Tensor, DType] {
  if (a instanceof Tensor && b instanceof Tensor) return [a, b, promoteTypes(a.dtype, b.dtype)];
  if (a instanceof Tensor && typeof b === "number") {
    const d = promoteWithScalar(a.dtype, b);
    return [a, scalarTensor(b, d === "bool" ? "int32" : d), d];
  }
  if (b instanceof Tensor && typeof a === "number") {
    const d = promoteWithScalar(b.dtype, a);
    return [scalarTensor(a, d === "bool" ? "int32" : d), b, d];
  }
  throw new Error(`${op}: expected a Tensor or a number, got ${typeof a} and ${typeof b}`);
}

const isF32Contig = (t: Tensor): boolean => t.dtype === "float32" && t.isContiguous();

/** Whether b's values repeat along the leading dims of `shape` (b matches its trailing dims, N ≥ 16). */
function trailingBroadcast(b: Tensor, shape: readonly number[]): boolean {
  const bs = b.shape;
  let lead = 0;
  while (lead < bs.length && bs[lead] === 1) lead++;
  const tail = bs.slice(lead);
  if (tail.length === 0 || tail.length > shape.length) return false;
  for (let i = 0; i < tail.length; i++) if (tail[tail.length - 1 - i] !== shape[shape.length - 1 - i]) return false;
  return numelOf(tail) >= 16;
}

/** out = a ⊙ b with broadcasting, no autograd. */
export function binaryRaw(op: BinaryOp, a: Tensor, b: Tensor, outDtype: DType): Tensor {
  const shape = shapesEqual(a.shape, b.shape) ? (a.shape as number[]) : broadcastShapes(a.shape, b.shape, op);
  const out = Tensor.empty(shape, outDtype);
  const n = out.numel();
  if (outDtype === "float32" && isF32Contig(a) && isF32Contig(b)) {
    const o = out.f32();
    if (a.numel() === n && b.numel() === n) {
      if (op === "add") {
        kernels.add(o, a.f32(), b.f32(), n);
        return out;
      }
      if (op === "mul") {
        kernels.mul(o, a.f32(), b.f32(), n);
        return out;
      }
      if (op === "sub") {
        kernels.axpy(o, a.f32(), b.f32(), -1, n);
        return out;
      }
    } else if ((op === "add" || op === "mul") && a.numel() === n && trailingBroadcast(b, shape)) {
      // (…, N) ⊙ (N): one kernel call per row, the common bias/position-embedding case
      const A = a.f32();
      const B = b.f32();
      const N = B.length;
      for (let r = 0; r < n; r += N) kernels[op](o.subarray(r, r + N), A.subarray(r, r + N), B, N);
      return out;
    } else if (a.numel() === 1 && b.numel() === n) {
      const s = a.storage[a.offset]; // s + b = 1·b + s, s - b = -1·b + s, s · b = s·b + 0
      if (op === "add" || op === "sub") {
        kernels.affine(o, b.f32(), op === "add" ? 1 : -1, s, n);
        return out;
      }
      if (op === "mul") {
        kernels.affine(o, b.f32(), s, 0, n);
        return out;
      }
    } else if (b.numel() === 1 && a.numel() === n) {
      const s = b.storage[b.offset];
      if (op === "add") {
        kernels.affine(o, a.f32(), 1, s, n);
        return out;
      }
      if (op === "mul") {
        kernels.affine(o, a.f32(), s, 0, n);
        return out;
      }
      if (op === "sub") {
        kernels.affine(o, a.f32(), 1, -s, n);
        return out;
      }
    }
  }
  kernels.binaryStrided(
    op,
    out.storage,
    shape,
    a.storage,
    a.offset,
    broadcastStrides(a.shape, a.strides, shape),
    b.storage,
    b.offset,
    broadcastStrides(b.shape, b.strides, shape),
  );
  return out;
}

export function add(a: TensorLike, b: TensorLike, opts?: { alpha?: number }): Tensor {
  const alpha = opts?.alpha ?? 1;
  if (alpha !== 1) return add(a, mul(b, alpha));
  const [x, y, d] = operands(a, b, "add");
  const out = binaryRaw("add", x, y, d);
  // d(x+y) = dx + dy
  return record(out, "AddBackward0", [x, y], (g) => [g, g]);
}

export function sub(a: TensorLike, b: TensorLike, opts?: { alpha?: number }): Tensor {
  const alpha = opts?.alpha ?? 1;
  if (alpha !== 1) return sub(a, mul(b, alpha));
  const [x, y, d] = operands(a, b, "sub");
  if (d === "bool") throw new Error("sub: subtraction of bool tensors is not supported; use logicalXor or ne");
  const out = binaryRaw("sub", x, y, d);
  return record(out, "SubBackward0", [x, y], (g) => [g, y.requiresGrad ? neg(g) : null]);
}

export function mul(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, d] = operands(a, b, "mul");
  const out = binaryRaw("mul", x, y, d);
  // d(xy) = y dx + x dy
  return record(out, "MulBackward0", [x, y], (g) => [x.requiresGrad ? mul(g, y) : null, y.requiresGrad ? mul(g, x) : null]);
}

export function div(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, d] = operands(a, b, "div");
  const out = binaryRaw("div", x, y, isFloating(d) ? d : "float32");
  // d(x/y) = dx / y - x dy / y²
  return record(out, "DivBackward0", [x, y], (g) => [x.requiresGrad ? div(g, y) : null, y.requiresGrad ? neg(mul(g, div(out, y))) : null]);
}

export function pow(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, d] = operands(a, b, "pow");
  if (typeof b === "number" && x.dtype === "float32" && x.isContiguous()) {
    if (b === 2) return mul(x, x);
    if (b === 1) return mul(x, 1);
  }
  const out = binaryRaw("pow", x, y, d);
  // d(x^y) = y x^(y-1) dx + x^y ln(x) dy
  return record(out, "PowBackward0", [x, y], (g) => [
    x.requiresGrad ? mul(g, mul(y, pow(x, sub(y, 1)))) : null,
    y.requiresGrad ? mul(g, mul(out, log(x))) : null,
  ]);
}

export function maximum(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, d] = operands(a, b, "maximum");
  const out = binaryRaw("maximum", x, y, d);
  // torch splits the gradient evenly where x == y
  return record(out, "MaximumBackward0", [x, y], (g) => tieSplit(g, x, y, "gt"));
}

export function minimum(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, d] = operands(a, b, "minimum");
  const out = binaryRaw("minimum", x, y, d);
  return record(out, "MinimumBackward0", [x, y], (g) => tieSplit(g, x, y, "lt"));
}

function tieSplit(g: Tensor, x: Tensor, y: Tensor, wins: "gt" | "lt"): Tensor[] {
  const xw = binaryRaw(wins, x, y, "float32");
  const tie = binaryRaw("eq", x, y, "float32");
  const wx = add(xw, mul(tie, 0.5)); // 1 where x wins, 0.5 on ties
  return [mul(g, wx), mul(g, sub(1, wx))];
}

export function compare(op: "eq" | "ne" | "lt" | "le" | "gt" | "ge", a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b, op);
  return binaryRaw(op, x, y, "bool");
}

export function logicalNot(x: Tensor): Tensor {
  return binaryRaw("eq", x, scalarTensor(0, "int32"), "bool");
}

// ---- unary ----

type UnaryKernel = "exp" | "log" | "tanh" | "sigmoid" | "relu";
const MATH: Record<UnaryKernel | "sqrt" | "abs" | "neg" | "log10", (x: number) => number> = {
  exp: Math.exp,
  log: Math.log,
  log10: Math.log10,
  tanh: Math.tanh,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  relu: (x) => (x > 0 ? x : x !== x ? x : 0),
  sqrt: Math.sqrt,
  abs: Math.abs,
  neg: (x) => -x,
};

/** Applies a float op elementwise; integer inputs compute in float32, as torch promotes them. */
function unaryRaw(x: Tensor, name: keyof typeof MATH, keepIntDtype = false): Tensor {
  const dtype = keepIntDtype && !isFloating(x.dtype) ? x.dtype : floatTypeOf(x.dtype);
  const out = Tensor.empty(x.shape, dtype);
  const n = out.numel();
  if (x.dtype === "float32" && dtype === "float32" && name in kernels) {
    (kernels as any)[name](out.storage, x.flat(), n);
    return out;
  }
  const src = x.flat();
  const fn = MATH[name];
  const o = out.storage;
  for (let i = 0; i < n; i++) o[i] = fn(src[i]);
  return out;
}

export function neg(x: Tensor): Tensor {
  if (x.dtype === "bool") throw new Error("neg: negation of a bool tensor is not supported; use logicalNot");
  const out = unaryRaw(x, "neg", true);
  return record(out, "NegBackward0", [x], (g) => [neg(g)]);
}

export function exp(x: Tensor): Tensor {
  const out = unaryRaw(x, "exp");
  // d e^x = e^x dx
  return record(out, "ExpBackward0", [x], (g) => [mul(g, out)]);
}

export function log(x: Tensor): Tensor {
  const out = unaryRaw(x, "log");
  // d ln x = dx / x
  return record(out, "LogBackward0", [x], (g) => [div(g, x)]);
}

export function log10(x: Tensor): Tensor {
  const out = unaryRaw(x, "log10");
  // d log10 x = dx / (x ln 10)
  return record(out, "Log10Backward0", [x], (g) => [div(g, mul(x, Math.LN10))]);
}

export function tanh(x: Tensor): Tensor {
  const out = unaryRaw(x, "tanh");
  // d tanh x = (1 - tanh² x) dx
  record(out, "TanhBackward0", [x], (g) => [unaryGrad(g, out, "tanhBackward")]);
  if (activationTap) activationTap("tanh", out);
  return out;
}

export function sigmoid(x: Tensor): Tensor {
  const out = unaryRaw(x, "sigmoid");
  // d σ(x) = σ(x) (1 - σ(x)) dx
  return record(out, "SigmoidBackward0", [x], (g) => [unaryGrad(g, out, "sigmoidBackward")]);
}

/** g ⊙ f'(saved) through a backward kernel (float32), or the same formula with tensor ops. */
export function unaryGrad(g: Tensor, saved: Tensor, kernel: "tanhBackward" | "sigmoidBackward" | "geluBackward"): Tensor {
  if (g.dtype === "float32" && saved.dtype === "float32" && shapesEqual(g.shape, saved.shape)) {
    const d = Tensor.empty(saved.shape, "float32");
    kernels[kernel](d.f32(), g.f32(), saved.f32(), d.numel());
    return d;
  }
  if (kernel === "tanhBackward") return mul(g, sub(1, mul(saved, saved)));
  if (kernel === "sigmoidBackward") return mul(g, mul(saved, sub(1, saved)));
  throw new Error(`${kernel}: float32 tensors of equal shape expected, got ${formatShape(g.shape)} and ${formatShape(saved.shape)}`);
}

export function relu(x: Tensor): Tensor {
  const out = unaryRaw(x, "relu", true);
  // threshold_backward: the gradient passes where the output is positive
  return record(out, "ReluBackward0", [x], (g) => [mul(g, binaryRaw("gt", out, scalarTensor(0), "float32"))]);
}

export function sqrt(x: Tensor): Tensor {
  const out = unaryRaw(x, "sqrt");
  // d √x = dx / (2 √x)
  return record(out, "SqrtBackward0", [x], (g) => [div(g, mul(out, 2))]);
}

export function abs(x: Tensor): Tensor {
  const out = unaryRaw(x, "abs", true);
  // d |x| = sign(x) dx, with sign(0) = 0
  return record(out, "AbsBackward0", [x], (g) => [mul(g, sub(binaryRaw("gt", x, scalarTensor(0), "float32"), binaryRaw("lt", x, scalarTensor(0), "float32")))]);
}

export function toDType(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  const out = castCopy(x, dtype);
  if (!isFloating(dtype)) return out;
  return record(out, "ToCopyBackward0", [x], (g) => [isFloating(x.dtype) ? toDType(g, x.dtype) : null]);
}
