/**
 * The wasm kernels against their JS twins (src/backend/js, the oracle): every overridden kernel
 * on random inputs and awkward shapes, for each wasm build this engine runs (relaxed SIMD and
 * plain SIMD), through both argument paths: JS-heap arrays (copied in and out of wasm memory)
 * and arrays allocated from a wasm arena (used in place), plus the scratch overflow path.
 * The memory layer has its own file, wasm-memory.test.ts.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { jsKernels, type Kernels, type KernelName } from "../src/backend/index.js";
import { loadWasmBackend, wasmBuildsSupported, WASM_KERNEL_NAMES, type WasmBackend } from "../src/backend/wasm/index.js";
import * as mm from "makemore";
import { assertClose } from "./helpers/close.js";

// ---- inputs -------------------------------------------------------------------------------

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(1234);
const uniform = (n: number, lo = -1, hi = 1): Float32Array => Float32Array.from({ length: n }, () => lo + (hi - lo) * rand());
const ints = (n: number, hi: number): Int32Array => Int32Array.from({ length: n }, () => Math.floor(rand() * hi));

/** A kernel argument: a scalar, null, or an array (float32 / int32) given by its contents. */
type Arg = number | boolean | null | Float32Array | Int32Array;

interface Case {
  label: string;
  args: Arg[];
  rtol?: number;
  atol?: number;
}

type Place = (a: Float32Array | Int32Array) => Float32Array | Int32Array;

const onHeap: Place = (a) => a.slice();

function inArena(arena: mm.Allocator): Place {
  return (a) => {
    const v = arena.alloc(a instanceof Float32Array ? "float32" : "int32", a.length) as Float32Array | Int32Array;
    v.set(a as never);
    return v;
  };
}

function materialize(args: Arg[], place: Place): Arg[] {
  return args.map((a) => (a instanceof Float32Array || a instanceof Int32Array ? place(a) : a));
}

function call(k: Kernels, name: KernelName, args: Arg[]): { value: unknown; error: string | null } {
  try {
    return { value: (k[name] as (...a: Arg[]) => unknown)(...args), error: null };
  } catch (e) {
    return { value: undefined, error: (e as Error).message };
  }
}

/** Runs a case on both tables and compares return values and every array argument. */
function checkCase(wasm: Kernels, name: KernelName, c: Case, place: Place): void {
  const jsArgs = materialize(c.args, onHeap);
  const wArgs = materialize(c.args, place);
  const want = call(jsKernels, name, jsArgs);
  const got = call(wasm, name, wArgs);
  assert.equal(got.error, want.error, `${name} ${c.label}: error`);
  if (want.error) return;
  assert.equal(got.value, want.value, `${name} ${c.label}: return value`);
  jsArgs.forEach((a, i) => {
    if (a instanceof Float32Array || a instanceof Int32Array) {
      assertClose(wArgs[i] as ArrayLike<number>, a, `${name} ${c.label} arg ${i}`, c.rtol ?? 1e-5, c.atol ?? 1e-6);
    }
  });
}

// ---- cases per kernel ---------------------------------------------------------------------

const ELEMENTWISE_SIZES = [0, 1, 2, 3, 4, 5, 7, 8, 27, 64, 1001];

/** values spanning the interesting ranges of every activation, plus signed zeros */
function activationInputs(n: number, span: number): Float32Array {
  const x = uniform(n, -span, span);
  if (n > 2) { x[0] = 0; x[1] = -0; }
  return x;
}

function specials(): Float32Array {
  return Float32Array.from([0, -0, 1e-8, -1e-8, 3e-4, -3e-4, 5e-4, 7.9, -7.9, 8.5, -8.5, 20, -20, 87, -87, 88.5, -88.5, 100, -100, Infinity, -Infinity, NaN]);
}

function elementwiseCases(): Partial<Record<KernelName, Case[]>> {
  const cases: Partial<Record<KernelName, Case[]>> = {};
  const add = (k: KernelName, c: Case) => (cases[k] ??= []).push(c);
  for (const n of ELEMENTWISE_SIZES) {
    const a = uniform(n, -3, 3), b = uniform(n, -3, 3);
    add("add", { label: `n=${n}`, args: [new Float32Array(n), a, b, n] });
    add("mul", { label: `n=${n}`, args: [new Float32Array(n), a, b, n] });
    add("axpy", { label: `n=${n}`, args: [new Float32Array(n), a, b, -0.37, n] });
    add("affine", { label: `n=${n}`, args: [new Float32Array(n), a, 1.7, -0.25, n] });
    for (const [k, span] of [["exp", 30], ["tanh", 10], ["sigmoid", 30], ["gelu", 8], ["relu", 3]] as const) {
      add(k, { label: `n=${n}`, args: [new Float32Array(n), activationInputs(n, span), n] });
    }
    add("log", { label: `n=${n}`, args: [new Float32Array(n), uniform(n, 0, 50), n] });
    const x = activationInputs(n, 6);
    const dy = uniform(n);
    const t = new Float32Array(n), s = new Float32Array(n);
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
  // a kernel may be given longer arrays than n: only n values are read and written
  const long = uniform(11);
  add("exp", { label: "n < length", args: [new Float32Array(11), long, 6] });
  return cases;
}

const GEMM_SHAPES: [number, number, number][] = [
  [1, 1, 1], [1, 5, 1], [3, 5, 7], [7, 27, 27], [27, 1, 5], [6, 3, 9], [5, 8, 4], [13, 64, 27],
  [4, 2, 12], [11, 17, 33], [64, 96, 27], [17, 300, 260],
];

function matmulCases(): Partial<Record<KernelName, Case[]>> {
  const matmul: Case[] = [];
  for (const [M, K, N] of GEMM_SHAPES) {
    const atol = 1e-6 + 3e-8 * K;
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        for (const accumulate of [false, true]) {
          matmul.push({
            label: `${M}x${K}x${N} tA=${transA} tB=${transB} acc=${accumulate}`,
            args: [uniform(M * N), uniform(M * K), uniform(K * N), M, K, N, transA, transB, accumulate],
            atol,
          });
        }
      }
    }
  }
  matmul.push({ label: "K=0 overwrite", args: [uniform(6), new Float32Array(0), new Float32Array(0), 2, 0, 3, false, false, false] });
  matmul.push({ label: "K=0 accumulate", args: [uniform(6), new Float32Array(0), new Float32Array(0), 2, 0, 3, false, false, true] });
  const linear: Case[] = [];
  const linearBackward: Case[] = [];
  for (const [BT, C, OC] of [[1, 1, 1], [5, 3, 27], [32, 64, 27], [17, 300, 13], [8, 27, 64]]) {
    const atol = 1e-6 + 3e-8 * Math.max(C, OC, BT);
    const inp = uniform(BT * C), w = uniform(OC * C), bias = uniform(OC), dout = uniform(BT * OC);
    linear.push({ label: `${BT}x${C}x${OC} bias`, args: [new Float32Array(BT * OC), inp, w, bias, BT, C, OC], atol });
    linear.push({ label: `${BT}x${C}x${OC} no bias`, args: [new Float32Array(BT * OC), inp, w, null, BT, C, OC], atol });
    for (const mask of [7, 1, 2, 4, 6, 0]) {
      const dinp = mask & 1 ? new Float32Array(BT * C) : null;
      const dw = mask & 2 ? uniform(OC * C) : null; // += : start from non-zero
      const db = mask & 4 ? uniform(OC) : null;
      linearBackward.push({ label: `${BT}x${C}x${OC} outputs=${mask}`, args: [dinp, dw, db, dout, inp, w, BT, C, OC], atol });
    }
  }
  return { matmul, linear, linearBackward };
}

const ROW_SHAPES: [number, number][] = [[1, 1], [3, 2], [2, 3], [4, 5], [7, 27], [5, 64], [3, 130], [512, 27]];

function rowCases(): Partial<Record<KernelName, Case[]>> {
  const out: Partial<Record<KernelName, Case[]>> = {};
  const add = (k: KernelName, c: Case) => (out[k] ??= []).push(c);
  for (const [rows, cols] of ROW_SHAPES) {
    const n = rows * cols;
    const x = uniform(n, -8, 8);
    const label = `${rows}x${cols}`;
    add("softmax", { label, args: [new Float32Array(n), x, rows, cols] });
    add("logSoftmax", { label, args: [new Float32Array(n), x, rows, cols] });
    const sm = new Float32Array(n), lsm = new Float32Array(n);
    jsKernels.softmax(sm, x, rows, cols);
    jsKernels.logSoftmax(lsm, x, rows, cols);
    add("softmaxBackward", { label, args: [new Float32Array(n), uniform(n), sm, rows, cols] });
    add("logSoftmaxBackward", { label, args: [new Float32Array(n), uniform(n), lsm, rows, cols] });
    // targets with ignored rows (torch's -100, and an ignore index inside the class range)
    for (const ignoreIndex of [-100, 0]) {
      const targets = ints(rows, cols);
      for (let r = 0; r < rows; r += 3) targets[r] = ignoreIndex === 0 ? 0 : -100;
      add("crossEntropy", { label: `${label} ignore=${ignoreIndex}`, args: [new Float32Array(n), new Float32Array(rows), x, targets, rows, cols, ignoreIndex] });
      const probs = new Float32Array(n);
      jsKernels.crossEntropy(probs, new Float32Array(rows), x, targets, rows, cols, ignoreIndex);
      add("crossEntropyBackward", { label: `${label} ignore=${ignoreIndex}`, args: [uniform(n), probs, targets, 1 / rows, rows, cols, ignoreIndex] });
    }
  }
  // masked rows: -inf entries give exact zeros; an all -inf row gives NaN in softmax
  const masked = Float32Array.from([0.5, -Infinity, 2, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, 1, 1, 1, 1e30]);
  add("softmax", { label: "masked rows", args: [new Float32Array(12), masked, 3, 4] });
  add("logSoftmax", { label: "masked rows", args: [new Float32Array(12), masked, 3, 4] });
  add("crossEntropy", { label: "large logits", args: [new Float32Array(8), new Float32Array(2), Float32Array.from([80, -80, 0, 1, 1e3, 1e3, -1e3, 5]), Int32Array.from([1, 2]), 2, 4, -100] });
  add("crossEntropy", { label: "target out of bounds", args: [new Float32Array(8), new Float32Array(2), uniform(8), Int32Array.from([1, 4]), 2, 4, -100] });
  add("crossEntropy", { label: "negative target", args: [new Float32Array(8), new Float32Array(2), uniform(8), Int32Array.from([-1, 0]), 2, 4, -100] });
  return out;
}

function layerNormCases(): Partial<Record<KernelName, Case[]>> {
  const layerNorm: Case[] = [];
  const layerNormBackward: Case[] = [];
  for (const [rows, C] of [[1, 1], [3, 3], [4, 4], [5, 27], [16, 64], [2, 130]]) {
    const x = uniform(rows * C, -3, 3);
    for (const affine of [true, false]) {
      const w = affine ? uniform(C, 0.5, 1.5) : null;
      const b = affine ? uniform(C) : null;
      const label = `${rows}x${C} ${affine ? "affine" : "plain"}`;
      layerNorm.push({ label, args: [new Float32Array(rows * C), new Float32Array(rows), new Float32Array(rows), x, w, b, rows, C, 1e-5], atol: 1e-5 });
      const mean = new Float32Array(rows), rstd = new Float32Array(rows);
      jsKernels.layerNorm(new Float32Array(rows * C), mean, rstd, x, w, b, rows, C, 1e-5);
      for (const mask of [7, 1, 6]) {
        layerNormBackward.push({
          label: `${label} outputs=${mask}`,
          args: [mask & 1 ? new Float32Array(rows * C) : null, mask & 2 ? uniform(C) : null, mask & 4 ? uniform(C) : null, uniform(rows * C), x, w, mean, rstd, rows, C],
          atol: 1e-5,
        });
      }
    }
  }
  return { layerNorm, layerNormBackward };
}

function attentionCases(): Partial<Record<KernelName, Case[]>> {
  const attention: Case[] = [];
  const attentionBackward: Case[] = [];
  for (const [B, T, C, nh] of [[1, 1, 4, 1], [1, 3, 5, 5], [2, 5, 12, 3], [2, 7, 6, 2], [3, 16, 64, 4], [1, 9, 32, 1]]) {
    const label = `B=${B} T=${T} C=${C} nh=${nh}`;
    const qkv = uniform(B * T * 3 * C, -2, 2);
    attention.push({ label, args: [new Float32Array(B * T * C), uniform(B * nh * T * T), qkv, B, T, C, nh] });
    const att = new Float32Array(B * nh * T * T);
    jsKernels.attention(new Float32Array(B * T * C), att, qkv, B, T, C, nh);
    attentionBackward.push({ label, args: [uniform(B * T * 3 * C), uniform(B * T * C), qkv, att, B, T, C, nh] });
  }
  return { attention, attentionBackward };
}

function lookupCases(): Partial<Record<KernelName, Case[]>> {
  const embedding: Case[] = [];
  const embeddingBackward: Case[] = [];
  const embeddingSum: Case[] = [];
  const embeddingSumBackward: Case[] = [];
  for (const [V, C, n, k] of [[1, 1, 1, 1], [27, 3, 9, 2], [28, 64, 50, 16], [5, 7, 0, 3], [11, 13, 33, 8]]) {
    const idx = ints(n * k, V);
    const label = `V=${V} C=${C} n=${n} k=${k}`;
    embeddingSum.push({ label, args: [new Float32Array(n * C), uniform(k * V * C), idx, n, k, V, C] });
    embeddingSumBackward.push({ label, args: [uniform(k * V * C), uniform(n * C), idx, n, k, V, C] });
  }
  for (const [V, C, n] of [[1, 1, 1], [27, 1, 9], [27, 3, 50], [27, 16, 0], [27, 27, 33], [5, 64, 12]]) {
    const idx = ints(n, V);
    const label = `V=${V} C=${C} n=${n}`;
    embedding.push({ label, args: [new Float32Array(n * C), uniform(V * C), idx, n, C] });
    embeddingBackward.push({ label, args: [uniform(V * C), uniform(n * C), idx, n, C] });
  }
  const causalMean: Case[] = [];
  const causalMeanBackward: Case[] = [];
  for (const [B, T, C] of [[1, 1, 1], [2, 3, 5], [32, 16, 64], [3, 7, 9]]) {
    const w = Float32Array.from({ length: T }, (_, t) => 1 / (t + 1));
    const label = `B=${B} T=${T} C=${C}`;
    causalMean.push({ label, args: [new Float32Array(B * T * C), uniform(B * T * C), w, B, T, C] });
    causalMeanBackward.push({ label, args: [new Float32Array(B * T * C), uniform(B * T * C), w, B, T, C] });
  }
  return { embedding, embeddingBackward, embeddingSum, embeddingSumBackward, causalMean, causalMeanBackward };
}

function attentionDecodeCases(): Case[] {
  const out: Case[] = [];
  for (const [rows, C, nh, t, Tmax] of [[1, 4, 1, 0, 1], [3, 12, 3, 2, 5], [5, 64, 4, 15, 16], [2, 6, 2, 3, 4], [7, 10, 2, 0, 3]]) {
    out.push({
      label: `rows=${rows} C=${C} nh=${nh} t=${t} Tmax=${Tmax}`,
      args: [new Float32Array(rows * C), uniform(rows * 3 * C, -2, 2), uniform(rows * Tmax * C), uniform(rows * Tmax * C), rows, C, nh, t, Tmax],
    });
  }
  return out;
}

function columnCases(): Partial<Record<KernelName, Case[]>> {
  const columnSums: Case[] = [];
  const columnCenteredDot: Case[] = [];
  const columnAffine: Case[] = [];
  for (const [rows, C] of [[1, 1], [3, 2], [2, 5], [33, 7], [2048, 64], [100, 130]]) {
    const label = `rows=${rows} C=${C}`;
    const x = uniform(rows * C, -2, 3);
    const mean = uniform(C, 0, 1);
    columnSums.push({ label, args: [new Float32Array(C), x, rows, C] });
    columnCenteredDot.push({ label: `${label} centred`, args: [new Float32Array(C), x, x, mean, rows, C, true] });
    columnCenteredDot.push({ label: `${label} plain`, args: [new Float32Array(C), uniform(rows * C), x, mean, rows, C, false] });
    columnAffine.push({ label: `${label} x only`, args: [new Float32Array(rows * C), null, null, x, uniform(C), uniform(C), rows, C] });
    columnAffine.push({ label: `${label} a and x`, args: [new Float32Array(rows * C), uniform(rows * C), uniform(C), x, uniform(C), uniform(C), rows, C] });
  }
  return { columnSums, columnCenteredDot, columnAffine };
}

function lstmCases(): Partial<Record<KernelName, Case[]>> {
  const lstmCell: Case[] = [];
  const lstmCellBackward: Case[] = [];
  for (const [B, n] of [[1, 1], [2, 3], [3, 5], [4, 7], [16, 64], [0, 4]]) {
    const label = `B=${B} n=${n}`;
    const cells = () => new Float32Array(B * n);
    lstmCell.push({ label, args: [uniform(4 * B * n, -6, 6), cells(), cells(), cells(), uniform(B * n, -3, 3), B, n] });
    const activated = Float32Array.from(uniform(4 * B * n, 0.01, 0.99), (v, k) => (k % (4 * n) >= 3 * n ? 2 * v - 1 : v));
    lstmCellBackward.push({
      label,
      args: [new Float32Array(4 * B * n), cells(), uniform(B * n), uniform(B * n), activated, uniform(B * n, -3, 3), uniform(B * n), B, n],
    });
  }
  return { lstmCell, lstmCellBackward };
}

function adamwCases(): Case[] {
  const out: Case[] = [];
  for (const n of [1, 3, 4, 5, 103]) {
    for (const [step, wd] of [[1, 0], [10, 0.01], [1000, 0.1]]) {
      out.push({
        label: `n=${n} step=${step} wd=${wd}`,
        args: [uniform(n), uniform(n, -0.1, 0.1), uniform(n, -0.01, 0.01), uniform(n, 0, 1e-3), n, 3e-3, 0.9, 0.99, 1e-8, wd, step],
      });
    }
  }
  return out;
}

const CASES: Partial<Record<KernelName, Case[]>> = {
  ...elementwiseCases(),
  ...matmulCases(),
  ...rowCases(),
  ...layerNormCases(),
  ...attentionCases(),
  ...lookupCases(),
  ...columnCases(),
  ...lstmCases(),
  attentionDecode: attentionDecodeCases(),
  adamw: adamwCases(),
};

// ---- kernel parity, per build and argument path -----------------------------------------------

const builds = wasmBuildsSupported();

test("wasm SIMD is available on this engine (Node 20 on x64)", () => {
  assert.ok(builds.includes("simd"), `supported builds: ${builds.join(", ") || "none"}`);
});

test("every kernel the wasm table overrides has parity cases", () => {
  for (const name of WASM_KERNEL_NAMES) assert.ok(CASES[name]?.length, `no cases for ${name}`);
});

for (const build of builds) {
  const wasm = loadWasmBackend({ build }) as WasmBackend;
  describe(`wasm ${build} build`, () => {
    test("loads under its own name", () => {
      assert.equal(wasm.name, build === "relaxed" ? "wasm-relaxed" : "wasm-simd");
    });
    for (const path of ["copy-in", "zero-copy"] as const) {
      for (const name of WASM_KERNEL_NAMES) {
        test(`${name} matches js (${path})`, () => {
          const arena = wasm.arena();
          const place = path === "copy-in" ? onHeap : inArena(arena);
          try {
            for (const c of CASES[name] ?? []) checkCase(wasm.kernels, name, c, place);
          } finally {
            arena.release();
          }
        });
      }
    }
    test("every GEMM tile policy matches js (tile heights 1..6, A in place and packed)", () => {
      const arena = wasm.arena();
      try {
        for (const [rowMr, rowPack, tMr, tPack] of [[6, 1, 6, 1], [5, 0, 3, 0], [4, 1, 2, 1], [3, 1, 5, 0], [2, 0, 1, 1], [1, 1, 4, 1]]) {
          wasm.exports.setGemmTiles(rowMr, rowPack, tMr, tPack);
          for (const c of CASES.matmul!) checkCase(wasm.kernels, "matmul", { ...c, label: `${c.label} tiles ${rowMr},${rowPack},${tMr},${tPack}` }, inArena(arena));
        }
      } finally {
        wasm.exports.resetGemmTiles();
        arena.release();
      }
    });
    test("zero-copy arguments really are used in place", () => {
      const arena = wasm.arena();
      const x = arena.alloc("float32", 9) as Float32Array;
      x.set([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      assert.ok(wasm.owns(x));
      assert.ok(!wasm.owns(new Float32Array(9)));
      wasm.kernels.affine(x, x, 2, 1, 9); // in place
      assert.deepEqual(Array.from(x), [3, 5, 7, 9, 11, 13, 15, 17, 19]);
      arena.release();
    });
    test("mixed paths in one call (arena output, heap inputs)", () => {
      const arena = wasm.arena();
      const out = arena.alloc("float32", 5 * 27) as Float32Array;
      const a = uniform(5 * 8), b = uniform(8 * 27);
      const want = new Float32Array(5 * 27);
      jsKernels.matmul(want, a, b, 5, 8, 27, false, false, false);
      wasm.kernels.matmul(out, a, b, 5, 8, 27, false, false, false);
      assertClose(out, want, "matmul arena out");
      arena.release();
    });
    test("copy-in arguments larger than the scratch region (overflow path)", () => {
      // 3 × 1.2 MiB of heap arrays: more than the 1 MiB scratch, and more than its doubling
      const M = 560, K = 560, N = 560;
      const a = uniform(M * K), b = uniform(K * N);
      const out = new Float32Array(M * N);
      wasm.kernels.matmul(out, a, b, M, K, N, false, false, false);
      const check = new Float32Array(7 * N);
      jsKernels.matmul(check, a.subarray(0, 7 * K), b, 7, K, N, false, false, false);
      assertClose(out.subarray(0, 7 * N), check, "first rows", 1e-5, 3e-5);
      const again = new Float32Array(M * N);
      wasm.kernels.matmul(again, a, b, M, K, N, false, false, false); // after the scratch grew
      assert.deepEqual(again, out);
    });
  });
}
