/**
 * Kernel benchmark: JS reference vs the wasm builds (and the native addon where built). `node dist/bench/kernels.js [--quick]`
 *
 * Method as in src/backend/KERNELS.md: per-call process CPU time (so time stolen by
 * other jobs on a shared VM does not count), median of many samples of ≥ 3 ms each after a
 * warm-up. GEMM at the 15 makemore shapes (GF/s, with the geomean), then the fused row kernels
 * and elementwise ops (µs per call, ns per element). wasm operands live in a wasm arena
 * (zero-copy), which is how the trainer runs; one line shows the cost of the copy-in path.
 */
import { jsKernels, loadWasmBackend, wasmBuildsSupported, type Kernels, type WasmBackend } from "../src/backend/index.js";

import { fill, measure } from "./cpu-time.js";
import { DEFAULT_TRANSFORMER_GEMMS } from "./gemm-shapes.js";
import { loadNativeBackend } from "../src/backend/native/index.js";

interface Table {
  name: string;
  kernels: Kernels;
  f32(n: number): Float32Array;
  i32(n: number): Int32Array;
}

function tables(): Table[] {
  const out: Table[] = [{ name: "js", kernels: jsKernels, f32: (n) => new Float32Array(n), i32: (n) => new Int32Array(n) }];
  for (const build of wasmBuildsSupported()) {
    const w = loadWasmBackend({ build }) as WasmBackend;
    const arena = w.arena();
    out.push({ name: w.name, kernels: w.kernels, f32: (n) => arena.alloc("float32", n) as Float32Array, i32: (n) => arena.alloc("int32", n) as Int32Array });
  }
  const native = loadNativeBackend();
  if (native) {
    const arena = native.arena();
    out.push({
      name: `native-${native.isa}`,
      kernels: native.kernels,
      f32: (n) => arena.alloc("float32", n) as Float32Array,
      i32: (n) => arena.alloc("int32", n) as Int32Array,
    });
  }
  return out;
}

function benchGemm(ts: Table[]): void {
  console.log(`\n## GEMM, GF/s (1 thread; M×K×N, op)\n`);
  console.log(`| shape | op | ${ts.map((t) => t.name).join(" | ")} |`);
  console.log(`|---|---|${ts.map(() => "---").join("|")}|`);
  const logSums = ts.map(() => 0);
  for (const [M, K, N, op] of DEFAULT_TRANSFORMER_GEMMS) {
    const row: string[] = [];
    ts.forEach((t, i) => {
      const a = fill(t.f32(M * K)),
        b = fill(t.f32(K * N)),
        c = t.f32(M * N);
      const us = measure(() => t.kernels.matmul(c, a, b, M, K, N, op === "TN", op === "NT", false));
      const gf = (2 * M * N * K) / us / 1e3;
      logSums[i] += Math.log(gf);
      row.push(gf.toFixed(1));
    });
    console.log(`| ${M}×${K}×${N} | ${op} | ${row.join(" | ")} |`);
  }
  console.log(`| **geomean** | | ${logSums.map((s) => `**${Math.exp(s / DEFAULT_TRANSFORMER_GEMMS.length).toFixed(1)}**`).join(" | ")} |`);
}

interface RowBench {
  label: string;
  elems: number;
  setup(t: Table): () => void;
}

const ROWS: RowBench[] = [
  {
    label: "softmax-CE (512, 27) fwd + grad",
    elems: 512 * 27,
    setup(t) {
      const R = 512,
        V = 27;
      const logits = fill(t.f32(R * V), -4, 4),
        probs = t.f32(R * V),
        losses = t.f32(R),
        d = t.f32(R * V),
        tg = t.i32(R);
      for (let i = 0; i < R; i++) tg[i] = i % V;
      return () => {
        t.kernels.crossEntropy(probs, losses, logits, tg, R, V, -100);
        t.kernels.crossEntropyBackward(d, probs, tg, 1 / R, R, V, -100);
      };
    },
  },
  {
    label: "softmax (512, 27)",
    elems: 512 * 27,
    setup(t) {
      const x = fill(t.f32(512 * 27), -4, 4),
        y = t.f32(512 * 27);
      return () => t.kernels.softmax(y, x, 512, 27);
    },
  },
  {
    label: "layerNorm fwd (512, 64)",
    elems: 512 * 64,
    setup(t) {
      const x = fill(t.f32(512 * 64)),
        y = t.f32(512 * 64),
        w = fill(t.f32(64)),
        b = fill(t.f32(64)),
        m = t.f32(512),
        r = t.f32(512);
      return () => t.kernels.layerNorm(y, m, r, x, w, b, 512, 64, 1e-5);
    },
  },
  {
    label: "layerNorm bwd (512, 64)",
    elems: 512 * 64,
    setup(t) {
      const x = fill(t.f32(512 * 64)),
        y = t.f32(512 * 64),
        w = fill(t.f32(64)),
        b = fill(t.f32(64)),
        m = t.f32(512),
        r = t.f32(512);
      t.kernels.layerNorm(y, m, r, x, w, b, 512, 64, 1e-5);
      const dy = fill(t.f32(512 * 64)),
        dx = t.f32(512 * 64),
        dw = t.f32(64),
        db = t.f32(64);
      return () => t.kernels.layerNormBackward(dx, dw, db, dy, x, w, m, r, 512, 64);
    },
  },
  {
    label: "attention fwd (B32 T16 C64 nh4)",
    elems: 32 * 16 * 64,
    setup(t) {
      const B = 32,
        T = 16,
        C = 64,
        nh = 4;
      const qkv = fill(t.f32(B * T * 3 * C)),
        out = t.f32(B * T * C),
        att = t.f32(B * nh * T * T);
      return () => t.kernels.attention(out, att, qkv, B, T, C, nh);
    },
  },
  {
    label: "attention bwd (B32 T16 C64 nh4)",
    elems: 32 * 16 * 64,
    setup(t) {
      const B = 32,
        T = 16,
        C = 64,
        nh = 4;
      const qkv = fill(t.f32(B * T * 3 * C)),
        out = t.f32(B * T * C),
        att = t.f32(B * nh * T * T);
      t.kernels.attention(out, att, qkv, B, T, C, nh);
      const dout = fill(t.f32(B * T * C)),
        dqkv = t.f32(B * T * 3 * C);
      return () => t.kernels.attentionBackward(dqkv, dout, qkv, att, B, T, C, nh);
    },
  },
  {
    label: "adamw (100k params)",
    elems: 100_000,
    setup(t) {
      const n = 100_000;
      const p = fill(t.f32(n)),
        g = fill(t.f32(n), -0.1, 0.1),
        m = t.f32(n),
        v = t.f32(n);
      return () => t.kernels.adamw(p, g, m, v, n, 1e-3, 0.9, 0.99, 1e-8, 0.01, 10);
    },
  },
  {
    label: "embedding (512 × 64 from 27)",
    elems: 512 * 64,
    setup(t) {
      const w = fill(t.f32(27 * 64)),
        out = t.f32(512 * 64),
        idx = t.i32(512);
      for (let i = 0; i < 512; i++) idx[i] = (i * 7) % 27;
      return () => t.kernels.embedding(out, w, idx, 512, 64);
    },
  },
];

const ELEMENTWISE = ["exp", "tanh", "sigmoid", "gelu", "geluBackward", "add", "axpy"] as const;

function benchElementwise(ts: Table[]): void {
  const n = 512 * 256;
  console.log(`\n## Elementwise over 131072 floats, ns per element\n`);
  console.log(`| op | ${ts.map((t) => t.name).join(" | ")} |`);
  console.log(`|---|${ts.map(() => "---").join("|")}|`);
  for (const op of ELEMENTWISE) {
    const row = ts.map((t) => {
      const x = fill(t.f32(n), -4, 4),
        y = fill(t.f32(n)),
        out = t.f32(n);
      const k = t.kernels;
      const fn =
        op === "add"
          ? () => k.add(out, x, y, n)
          : op === "axpy"
            ? () => k.axpy(out, x, y, 0.5, n)
            : op === "geluBackward"
              ? () => k.geluBackward(out, y, x, n)
              : () => k[op](out, x, n);
      return ((measure(fn) * 1000) / n).toFixed(2);
    });
    console.log(`| ${op} | ${row.join(" | ")} |`);
  }
}

function benchRows(ts: Table[]): void {
  console.log(`\n## Fused row kernels, µs per call\n`);
  console.log(`| kernel | ${ts.map((t) => t.name).join(" | ")} |`);
  console.log(`|---|${ts.map(() => "---").join("|")}|`);
  for (const r of ROWS) console.log(`| ${r.label} | ${ts.map((t) => measure(r.setup(t)).toFixed(1)).join(" | ")} |`);
}

function benchCopyPath(): void {
  const w = loadWasmBackend();
  if (!w) return;
  const heap: Table = { name: `${w.name} (JS-heap arrays, copy-in)`, kernels: w.kernels, f32: (n) => new Float32Array(n), i32: (n) => new Int32Array(n) };
  const arena = w.arena();
  const zero: Table = {
    name: `${w.name} (arena arrays, zero-copy)`,
    kernels: w.kernels,
    f32: (n) => arena.alloc("float32", n) as Float32Array,
    i32: (n) => arena.alloc("int32", n) as Int32Array,
  };
  console.log(`\n## Argument path cost, µs per call\n`);
  console.log(`| kernel | zero-copy | copy-in |`);
  console.log(`|---|---|---|`);
  const M = 512,
    K = 64,
    N = 64;
  const gemm = (t: Table) => {
    const a = fill(t.f32(M * K)),
      b = fill(t.f32(K * N)),
      c = t.f32(M * N);
    return () => t.kernels.matmul(c, a, b, M, K, N, false, false, false);
  };
  console.log(`| matmul 512×64×64 | ${measure(gemm(zero)).toFixed(1)} | ${measure(gemm(heap)).toFixed(1)} |`);
  console.log(`| ${ROWS[0].label} | ${measure(ROWS[0].setup(zero)).toFixed(1)} | ${measure(ROWS[0].setup(heap)).toFixed(1)} |`);
  const small = (t: Table) => {
    const x = fill(t.f32(27)),
      y = t.f32(27);
    return () => t.kernels.exp(y, x, 27);
  };
  console.log(`| exp, 27 floats (call overhead) | ${measure(small(zero)).toFixed(2)} | ${measure(small(heap)).toFixed(2)} |`);
  arena.release();
}

function main(): void {
  const ts = tables();
  console.log(`# makemore kernels: ${ts.map((t) => t.name).join(", ")} (Node ${process.version}, CPU-time medians)`);
  benchGemm(ts);
  benchRows(ts);
  benchElementwise(ts);
  benchCopyPath();
}

main();
