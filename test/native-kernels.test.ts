/**
 * The native kernels (native/src, through src/backend/native) against their JS twins, on the
 * same parity cases as the wasm kernels: every kernel the native table overrides, with arrays
 * copied in from the JS heap and used in place from a wasm arena, under every GEMM micro-kernel
 * this CPU runs; then bad offsets, and the addon in worker threads on the shared memory.
 * Skipped where the addon is not built (npm install builds it where a C compiler exists).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Worker } from "node:worker_threads";
import { jsKernels } from "../src/backend/index.js";
import { loadNativeBackend, nativeUnavailableReason, NATIVE_KERNEL_NAMES } from "../src/backend/native/index.js";
import { assertClose } from "./helpers/close.js";
import { checkCase, inArena, onHeap } from "./helpers/kernel-parity.js";
import { CASES, uniform } from "./kernel-cases/index.js";

const native = loadNativeBackend();
const skip = native ? false : `native backend unavailable: ${nativeUnavailableReason()}`;

/** The GEMM micro-kernels to try: every one this CPU runs (forceIsa refuses the others). */
const ISAS = ["avx512", "avx2", "neon", "generic"];

describe("native kernels", { skip }, () => {
  test("every kernel the native table overrides has parity cases", () => {
    assert.deepEqual([...NATIVE_KERNEL_NAMES].sort(), [
      "adamw",
      "attention",
      "attentionBackward",
      "attentionDropout",
      "attentionDropoutBackward",
      "layerNorm",
      "layerNormBackward",
      "linear",
      "linearBackward",
      "matmul",
    ]);
    for (const name of NATIVE_KERNEL_NAMES) assert.ok(CASES[name]?.length, `no cases for ${name}`);
  });

  for (const path of ["copy-in", "zero-copy"] as const) {
    for (const name of NATIVE_KERNEL_NAMES) {
      test(`${name} matches js (${path})`, () => {
        const arena = native!.arena();
        try {
          for (const c of CASES[name] ?? []) checkCase(native!.kernels, name, c, path === "copy-in" ? onHeap : inArena(arena));
        } finally {
          arena.release();
        }
      });
    }
  }

  test("every GEMM micro-kernel this CPU runs matches js (matmul, linear, linearBackward)", () => {
    const X = native!.exports;
    const ran: string[] = [];
    const arena = native!.arena();
    try {
      for (const isa of ISAS) {
        if (!X.forceIsa(isa)) continue;
        ran.push(isa);
        assert.equal(X.isa(), isa);
        for (const name of ["matmul", "linear", "linearBackward"] as const) {
          for (const c of CASES[name]!) checkCase(native!.kernels, name, { ...c, label: `${c.label} isa=${isa}` }, inArena(arena));
        }
      }
    } finally {
      X.forceIsa(native!.isa);
      arena.release();
    }
    assert.ok(ran.includes("generic"), "the portable kernel always runs");
  });

  test("a big GEMM (past every KC / NC block, odd edges) matches js", () => {
    const M = 61,
      K = 530,
      N = 300;
    const a = uniform(M * K),
      b = uniform(K * N);
    for (const [tA, tB] of [
      [false, true],
      [false, false],
      [true, false],
    ] as const) {
      const want = new Float32Array(M * N),
        got = new Float32Array(M * N);
      jsKernels.matmul(want, a, b, M, K, N, tA, tB, false);
      native!.kernels.matmul(got, a, b, M, K, N, tA, tB, false);
      assertClose(got, want, `matmul tA=${tA} tB=${tB}`, 1e-5, 1e-6 + 3e-8 * K);
    }
  });

  test("an offset outside the wasm memory is a one-line RangeError, not a crash", () => {
    const X = native!.exports;
    const end = native!.memory.buffer.byteLength;
    assert.throws(() => X.matmul(end - 16, 4096, 4096, 4, 4, 4, 0, 0, 0), /^RangeError: native: an array lies outside the attached wasm memory$/);
    assert.throws(() => X.matmul(4098, 4096, 4096, 1, 1, 1, 0, 0, 0), /^RangeError: native: an array lies outside the attached wasm memory$/, "misaligned");
    assert.throws(() => X.matmul(4096, 4096, 4096, -1, 1, 1, 0, 0, 0), /^RangeError: native: a dimension is not an integer in \[0, 2\^31\)$/);
    assert.throws(() => X.attention(4096, 4096, 4096, 1, 1, 6, 4), /^RangeError: native: attention needs nh ≥ 1 dividing C$/);
    assert.throws(() => (X.matmul as (...a: number[]) => void)(4096), /^RangeError: native: wrong number of arguments$/);
  });

  test("worker threads load the addon and compute in place on the shared memory", async () => {
    const arena = native!.persistent;
    const M = 37,
      K = 70,
      N = 45;
    const a = arena.alloc("float32", M * K) as Float32Array,
      b = arena.alloc("float32", K * N) as Float32Array;
    const outs = [0, 1].map(() => arena.alloc("float32", M * N) as Float32Array);
    a.set(uniform(M * K));
    b.set(uniform(K * N));
    const want = new Float32Array(M * N);
    jsKernels.matmul(want, a, b, M, K, N, false, false, false);
    const src = `
      const { workerData, parentPort } = require("node:worker_threads");
      import(workerData.loader).then(({ loadNativeBackend }) => {
        const nb = loadNativeBackend({ memory: workerData.memory });
        const f32 = (off, n) => new Float32Array(nb.memory.buffer, off, n);
        const { a, b, out, M, K, N } = workerData;
        nb.kernels.matmul(f32(out, M * N), f32(a, M * K), f32(b, K * N), M, K, N, false, false, false);
        parentPort.postMessage(nb.name);
      });`;
    const loader = new URL("../src/backend/native/index.js", import.meta.url).href;
    const names = await Promise.all(
      outs.map(
        (out) =>
          new Promise<string>((resolve, reject) => {
            const w = new Worker(src, {
              eval: true,
              workerData: { loader, memory: native!.memory, a: a.byteOffset, b: b.byteOffset, out: out.byteOffset, M, K, N },
            });
            w.once("message", (m) => {
              resolve(m as string);
              void w.terminate();
            });
            w.once("error", reject);
          }),
      ),
    );
    assert.deepEqual(names, ["native", "native"]);
    for (const out of outs) assertClose(out, want, "worker matmul", 1e-5, 1e-6 + 3e-8 * K);
  });
});
