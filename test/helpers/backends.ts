import * as mm from "makemore";
import { loadWasmBackend } from "../../src/backend/index.js";

// The wasm backend's best build for this engine (relaxed SIMD, else plain SIMD), or null.
const wasm = loadWasmBackend();

/** Names of the kernel backends available in this process; kernel-level tests run on each. */
export function availableBackends(): string[] {
  return wasm ? ["js", "wasm"] : ["js"];
}

/** Makes `name` the active backend (kernels and allocators); call it first thing inside a test body. */
export function useBackend(name: string): void {
  if (name === "js") mm.useBackend(mm.jsBackend);
  else if (name === "wasm" && wasm) mm.useBackend(wasm);
  else throw new Error(`unknown backend ${name}`);
}

/** Registers a family of tests once per backend; each test switches to its backend when it runs. */
export function forEachBackend(register: (name: string) => void): void {
  for (const name of availableBackends()) register(name);
}
