/**
 * GEMM microbenchmark: GF/s per thread of the native micro-kernels (each one this CPU runs), the
 * wasm builds and OpenBLAS (PyTorch's sgemm through /usr/bin/python3, one thread), at makemore's
 * shapes and at 512×256×768. `npm run bench:gemm [-- --quick]`
 *
 * All single-threaded, timed as bench/cpu-time.ts (process CPU time, medians), so other jobs on
 * a shared machine distort it less than wall clock; operands live in the wasm memory (zero-copy).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadWasmBackend, wasmBuildsSupported, type Kernels } from "../src/backend/index.js";
import { loadNativeBackend, nativeUnavailableReason } from "../src/backend/native/index.js";
import { fill, measure } from "./cpu-time.js";
import { DEFAULT_TRANSFORMER_GEMMS, type GemmShape as Shape } from "./gemm-shapes.js";

// makemore's GEMMs: the default transformer on a 512-row batch, the n_embd 256
// transformer's per-worker shapes (256 rows: its batch of 32 × 16 split over 2 workers), and 512×256×768.
const SHAPES: [string, readonly Shape[]][] = [
  ["n_embd 64, 512 rows", DEFAULT_TRANSFORMER_GEMMS],
  [
    "n_embd 256, 256 rows",
    [
      [256, 256, 768, "NT"],
      [256, 256, 1024, "NT"],
      [256, 1024, 256, "NT"],
      [256, 768, 256, "NN"],
      [256, 256, 1024, "NN"],
      [768, 256, 256, "TN"],
      [1024, 256, 256, "TN"],
      [256, 256, 256, "TN"],
    ],
  ],
  [
    "512×256×768",
    [
      [512, 256, 768, "NN"],
      [512, 256, 768, "NT"],
      [512, 256, 768, "TN"],
    ],
  ],
];

interface Column {
  name: string;
  run(shapes: readonly Shape[]): number[];
}

function kernelColumn(name: string, kernels: Kernels, f32: (n: number) => Float32Array, before = () => {}): Column {
  return {
    name,
    run: (shapes) =>
      shapes.map(([M, K, N, op]) => {
        before();
        const a = fill(f32(M * K)),
          b = fill(f32(K * N)),
          c = f32(M * N);
        const us = measure(() => kernels.matmul(c, a, b, M, K, N, op === "TN", op === "NT", false));
        return (2 * M * N * K) / us / 1e3;
      }),
  };
}

function columns(): Column[] {
  const out: Column[] = [];
  const native = loadNativeBackend();
  if (native) {
    const arena = native.arena();
    const f32 = (n: number) => arena.alloc("float32", n) as Float32Array;
    for (const isa of ["avx512", "avx2", "neon", "generic"]) {
      if (!native.exports.forceIsa(isa)) continue;
      out.push(kernelColumn(`native ${isa}`, native.kernels, f32, () => native.exports.forceIsa(isa)));
    }
    native.exports.forceIsa(native.isa);
  } else {
    console.log(`(no native column: ${nativeUnavailableReason()})`);
  }
  for (const build of wasmBuildsSupported()) {
    const w = loadWasmBackend({ build })!;
    const arena = w.arena();
    out.push(kernelColumn(w.name, w.kernels, (n) => arena.alloc("float32", n) as Float32Array));
  }
  const script = fileURLToPath(new URL("../../bench/gemm_torch.py", import.meta.url));
  if (existsSync("/usr/bin/python3") && existsSync(script)) {
    out.push({
      name: "OpenBLAS (torch)",
      run: (shapes) => {
        const r = spawnSync("/usr/bin/python3", [script, JSON.stringify(shapes)], { encoding: "utf8", timeout: 10 * 60_000 });
        return r.status === 0 ? (JSON.parse(r.stdout.trim().split("\n").at(-1)!) as number[]) : shapes.map(() => NaN);
      },
    });
  }
  return out;
}

const geomean = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

const cols = columns();
console.log(`## GEMM GF/s per thread (1 thread, process CPU time, medians)\n`);
console.log(`| shape (M×K×N) | op | ${cols.map((c) => c.name).join(" | ")} |`);
console.log(`|---|---|${cols.map(() => "---:").join("|")}|`);
for (const [group, shapes] of SHAPES) {
  const results = cols.map((c) => c.run(shapes));
  shapes.forEach(([M, K, N, op], i) => console.log(`| ${M}×${K}×${N} | ${op} | ${results.map((r) => r[i].toFixed(1)).join(" | ")} |`));
  if (shapes.length > 1) console.log(`| **geomean, ${group}** | | ${results.map((r) => `**${geomean(r).toFixed(1)}**`).join(" | ")} |`);
}
