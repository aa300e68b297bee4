import { backendName, jsKernels, setKernels } from "./index.js";
import { setAllocators } from "./scratch.js";
import { heapAllocator } from "../tensor/storage.js";
import { useWasm } from "./use-wasm.js";

/**
 * Activates the backend backendName() reports in another thread, so that data-parallel workers
 * compute exactly as the main thread; a wasm worker runs on the main thread's memory.
 */
export function useBackendByName(name: string, memory?: WebAssembly.Memory): void {
  if (name === "js") {
    setKernels("js", jsKernels);
    setAllocators(null, heapAllocator);
    return;
  }
  if ((name === "wasm-relaxed" || name === "wasm-simd") && useWasm(name === "wasm-relaxed" ? "relaxed" : "simd", memory)) return;
  throw new Error(`kernel backend '${name}' is not available in this thread (have: ${backendName()})`);
}
