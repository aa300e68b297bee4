import type { Backend } from "../backend.js";
import type { ReleasableAllocator } from "../backend.js";
import { loadWasmBackend, wasmLinearMemory, type WasmBackend } from "../wasm/loader.js";
import type { WasmBumpAllocator } from "../wasm/allocators.js";
import { loadAddon, nativeUnavailableReason as addonReason } from "./addon.js";
import type { NativeExports } from "./exports.js";
import { createNativeKernels } from "./kernels.js";

/**
 * The native kernels as a backend: the wasm backend (its memory, allocators and every kernel)
 * with the big kernels replaced by the addon's, which run in place on the same memory.
 */
export interface NativeBackend extends Backend {
  readonly name: "native";
  readonly memory: WebAssembly.Memory;
  /** The wasm backend underneath: the memory, the allocators and the kernels not overridden. */
  readonly wasm: WasmBackend;
  /** The GEMM micro-kernel this CPU runs: "avx512", "avx2", "neon" or "generic". */
  readonly isa: string;
  /** The raw addon (benchmarks, tests). */
  readonly exports: NativeExports;
  readonly scratch: WasmBumpAllocator;
  readonly persistent: WasmBumpAllocator;
  region(): ReleasableAllocator;
  /** A new arena of its own on the shared memory (benchmarks, tests), as WasmBackend.arena. */
  arena(options?: { chunkBytes?: number }): WasmBumpAllocator;
  /** Whether a typed array is a view into the wasm memory (kernels then use it in place). */
  owns(a: ArrayBufferView): boolean;
}

const loaded = new Map<WasmBackend, NativeBackend>();
let noWasm = false;

/**
 * The native backend on this thread's wasm memory (or `memory`: a worker passes the main
 * thread's), or null where the addon is missing or fails to load (`nativeUnavailableReason`).
 * The same memory gives the same object again. With `auto` (createBackend("auto")), also null on a
 * CPU without AVX2/FMA or NEON, where only the portable GEMM would run.
 */
export function loadNativeBackend(options: { memory?: WebAssembly.Memory; auto?: boolean } = {}): NativeBackend | null {
  const X = loadAddon();
  if (!X) return null;
  // the portable C GEMM runs at a fifth of wasm SIMD's speed: "auto" keeps wasm on such a CPU
  if (options.auto && X.isa() === "generic") return null;
  const wasm = loadWasmBackend({ memory: options.memory });
  if (!wasm) {
    noWasm = true;
    return null;
  }
  const prior = loaded.get(wasm);
  if (prior) return prior;
  const mem = wasmLinearMemory(wasm);
  const backend: NativeBackend = {
    name: "native",
    kernels: createNativeKernels(X, mem, wasm.kernels),
    scratch: wasm.scratch,
    persistent: wasm.persistent,
    region: () => wasm.region(),
    memory: wasm.memory,
    wasm,
    isa: X.isa(),
    exports: X,
    arena: (o) => wasm.arena(o),
    owns: (a) => wasm.owns(a),
  };
  loaded.set(wasm, backend);
  return backend;
}

/** Why loadNativeBackend returned null, in one line. */
export function nativeUnavailableReason(): string {
  return noWasm ? "the native backend runs on the wasm memory, and this engine has no wasm SIMD" : addonReason();
}
