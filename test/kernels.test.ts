/**
 * The wasm kernels against their JS twins (src/backend/js, the oracle): every overridden kernel
 * on random inputs and awkward shapes, for each wasm build this engine runs (relaxed SIMD and
 * plain SIMD), through both argument paths: JS-heap arrays (copied in and out of wasm memory)
 * and arrays allocated from a wasm arena (used in place), plus the scratch overflow path.
 * The cases live in kernel-cases/, one file per kernel group; the memory layer has its own
 * test file, wasm-memory.test.ts.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { jsKernels } from "../src/backend/index.js";
import { loadWasmBackend, wasmBuildsSupported, WASM_KERNEL_NAMES, type WasmBackend } from "../src/backend/wasm/index.js";
import { assertClose } from "./helpers/close.js";
import { checkCase, inArena, onHeap } from "./helpers/kernel-parity.js";
import { CASES, uniform } from "./kernel-cases/index.js";

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
        for (const [rowMr, rowPack, tMr, tPack] of [
          [6, 1, 6, 1],
          [5, 0, 3, 0],
          [4, 1, 2, 1],
          [3, 1, 5, 0],
          [2, 0, 1, 1],
          [1, 1, 4, 1],
        ]) {
          wasm.exports.setGemmTiles(rowMr, rowPack, tMr, tPack);
          for (const c of CASES.matmul!)
            checkCase(wasm.kernels, "matmul", { ...c, label: `${c.label} tiles ${rowMr},${rowPack},${tMr},${tPack}` }, inArena(arena));
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
      const a = uniform(5 * 8),
        b = uniform(8 * 27);
      const want = new Float32Array(5 * 27);
      jsKernels.matmul(want, a, b, 5, 8, 27, false, false, false);
      wasm.kernels.matmul(out, a, b, 5, 8, 27, false, false, false);
      assertClose(out, want, "matmul arena out");
      arena.release();
    });
    test("copy-in arguments larger than the scratch region (overflow path)", () => {
      // 3 × 1.2 MiB of heap arrays: more than the 1 MiB scratch, and more than its doubling
      const M = 560,
        K = 560,
        N = 560;
      const a = uniform(M * K),
        b = uniform(K * N);
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
