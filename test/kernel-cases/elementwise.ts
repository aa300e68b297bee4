import { jsKernels, type ElementwiseKernels } from "../../src/backend/index.js";
import { uniform, type Case, type GroupCases } from "./inputs.js";

const ELEMENTWISE_SIZES = [0, 1, 2, 3, 4, 5, 7, 8, 27, 64, 1001];

/** values spanning the interesting ranges of every activation, plus signed zeros */
function activationInputs(n: number, span: number): Float32Array {
  const x = uniform(n, -span, span);
  if (n > 2) {
    x[0] = 0;
    x[1] = -0;
  }
  return x;
}

function specials(): Float32Array {
  return Float32Array.from([0, -0, 1e-8, -1e-8, 3e-4, -3e-4, 5e-4, 7.9, -7.9, 8.5, -8.5, 20, -20, 87, -87, 88.5, -88.5, 100, -100, Infinity, -Infinity, NaN]);
}

export function elementwiseCases(): GroupCases<ElementwiseKernels> {
  const cases: Partial<GroupCases<ElementwiseKernels>> = {};
  const add = (k: keyof ElementwiseKernels, c: Case) => (cases[k] ??= []).push(c);
  for (const n of ELEMENTWISE_SIZES) {
    const a = uniform(n, -3, 3),
      b = uniform(n, -3, 3);
    add("add", { label: `n=${n}`, args: [new Float32Array(n), a, b, n] });
    add("mul", { label: `n=${n}`, args: [new Float32Array(n), a, b, n] });
    add("axpy", { label: `n=${n}`, args: [new Float32Array(n), a, b, -0.37, n] });
    add("affine", { label: `n=${n}`, args: [new Float32Array(n), a, 1.7, -0.25, n] });
    for (const [k, span] of [
      ["exp", 30],
      ["tanh", 10],
      ["sigmoid", 30],
      ["gelu", 8],
      ["relu", 3],
    ] as const) {
      add(k, { label: `n=${n}`, args: [new Float32Array(n), activationInputs(n, span), n] });
    }
    add("log", { label: `n=${n}`, args: [new Float32Array(n), uniform(n, 0, 50), n] });
    const x = activationInputs(n, 6);
    const dy = uniform(n);
    const t = new Float32Array(n),
      s = new Float32Array(n);
    jsKernels.tanh(t, x, n);
    jsKernels.sigmoid(s, x, n);
    add("tanhBackward", { label: `n=${n}`, args: [new Float32Array(n), dy, t, n] });
    add("sigmoidBackward", { label: `n=${n}`, args: [new Float32Array(n), dy, s, n] });
    add("geluBackward", { label: `n=${n}`, args: [new Float32Array(n), dy, x, n] });
  }
  // the edges: overflow, underflow, tiny arguments, ±inf, NaN (gelu at -inf is NaN in the
  // reference's tanh form and -inf in x·σ(2u), so it stays out)
  const sp = specials();
  const n = sp.length;
  for (const k of ["exp", "tanh", "sigmoid", "relu"] as const) add(k, { label: "specials", args: [new Float32Array(n), sp, n] });
  const finite = sp.filter((v) => v !== -Infinity);
  add("gelu", { label: "specials", args: [new Float32Array(finite.length), finite, finite.length] });
  add("geluBackward", { label: "specials", args: [new Float32Array(finite.length), new Float32Array(finite.length).fill(1), finite, finite.length] });
  const logs = Float32Array.from([0, -0, 1, 2, 0.5, 1e-30, 1e-40, 3e38, Infinity, -1, NaN, 0.7071, 1.4142]);
  add("log", { label: "specials", args: [new Float32Array(logs.length), logs, logs.length] });
  // 16-bit storage: magnitudes from fp16 subnormals to overflow, ties, NaN, in vectors of 8 and
  // tails; the packed words are compared exactly (an odd n keeps the last word's high half)
  const exact = { rtol: 0, atol: 0 };
  const wide = Float32Array.from({ length: 203 }, (_, i) => (i % 2 ? -1 : 1) * Math.pow(2, -28 + (i % 47)) * (1 + ((i * 37) % 101) / 101));
  wide.set([0, -0, NaN, -NaN, Infinity, -Infinity, 65504, 65520, 2 ** -24, 2 ** -25, 3 * 2 ** -26, 1 + 2 ** -11, 1 + 3 * 2 ** -11]);
  const normal = uniform(16, -3, 3);
  for (const n of [0, 1, 7, 8, 9, 16, 203]) {
    for (const bfloat16 of [false, true]) {
      const label = `n=${n}${bfloat16 ? " bf16" : " fp16"}`;
      const words = Int32Array.from({ length: Math.ceil(n / 2) }, (_, i) => 0x5a5a5a5a ^ i);
      add("packHalf", { label, args: [words, wide.subarray(0, n), n, bfloat16], ...exact });
      const packed = words.slice();
      jsKernels.packHalf(packed, wide.subarray(0, n), n, bfloat16);
      add("unpackHalf", { label, args: [new Float32Array(n), packed, n, bfloat16], ...exact });
    }
  }
  for (const bfloat16 of [false, true])
    add("packHalf", { label: `normal values${bfloat16 ? " bf16" : " fp16"}`, args: [new Int32Array(8), normal, 16, bfloat16], ...exact });
  const patterns = Int32Array.from({ length: 32768 }, (_, i) => ((2 * i + 1) << 16) | (2 * i)); // every 16-bit pattern once
  for (const bfloat16 of [false, true])
    add("unpackHalf", { label: `all patterns${bfloat16 ? " bf16" : " fp16"}`, args: [new Float32Array(65536), patterns, 65536, bfloat16], ...exact });
  // a kernel may be given longer arrays than n: only n values are read and written
  const long = uniform(11);
  add("exp", { label: "n < length", args: [new Float32Array(11), long, 6] });
  return cases as GroupCases<ElementwiseKernels>;
}
