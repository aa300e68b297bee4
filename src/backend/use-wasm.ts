import { setKernels } from "./index.js";
import { loadWasmBackend, type WasmBackend, type WasmBuild } from "./wasm/index.js";
import { setAllocators } from "./scratch.js";

let active: WasmBackend | null = null;

/** The wasm backend in use, if any. */
export const activeWasm = (): WasmBackend | null => active;

/**
 * Switches to the WebAssembly kernels (best build this engine validates, or `build`) with their
 * arena and persistent allocators, on this process's wasm memory or on `memory` (a worker
 * joining the main thread's). Returns false where wasm SIMD is unavailable: the JS kernels stay.
 */
export function useWasm(build?: WasmBuild, memory?: WebAssembly.Memory): boolean {
  const b = loadWasmBackend({ build, memory });
  if (!b) return false;
  active = b;
  setKernels(b.name, b.kernels);
  setAllocators(b.arena(), b.persistent(), () => b.persistent({ chunkBytes: 1 << 20 }));
  return true;
}
