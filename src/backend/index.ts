import type { Kernels } from "./kernels/index.js";
import { jsKernels } from "./js/index.js";

export type { Kernels, KernelName, BinaryOp } from "./kernels/index.js";
export { jsKernels };

/** The active kernel table. Ops read this live binding on every call, so a switch takes effect at once. */
export let kernels: Kernels = jsKernels;
let activeName = "js";

export function setKernels(name: string, table: Kernels): void {
  kernels = table;
  activeName = name;
}

export const backendName = (): string => activeName;

// The WebAssembly SIMD backend (null from the loaders where wasm SIMD is unavailable).
export {
  loadWasmBackend, initWasmBackend, wasmBuildsSupported, WasmBumpAllocator, DetachedViewError, WASM_KERNEL_NAMES,
  type WasmBackend, type WasmBuild, type WasmLoadOptions,
} from "./wasm/index.js";
