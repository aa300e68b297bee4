// The WebAssembly SIMD kernel backend: loader, allocators and the kernel table.
export { loadWasmBackend, initWasmBackend, wasmBuildsSupported, type WasmBackend, type WasmBuild, type WasmLoadOptions } from "./loader.js";
export { WasmBumpAllocator } from "./allocators.js";
export { DetachedViewError } from "./memory.js";
export { WASM_KERNEL_NAMES } from "./kernels.js";
