import type { MemoryEstimate } from "./memory-estimate.js";
import { activeBackend } from "../backend/index.js";
import { formatBytes } from "../io/format-bytes.js";

export { formatBytes };

/** wasm32 addresses 4 GiB: the most one WebAssembly memory (this process's, shared by its workers) can hold. */
export const WASM_MAX_BYTES = 4 * 1024 ** 3;

export interface MemoryLimits {
  /** the machine's RAM in bytes (Node: os.totalmem()); unknown in a browser */
  totalMemory?: number;
  /** the WebAssembly memory's ceiling when the wasm kernels hold the model, else undefined */
  wasmMemory?: number;
}

/**
 * Throws one line when the estimate does not fit: "needs 52 GB (…); this machine has 24 GB and
 * WebAssembly allows 4 GB per process". Pure: the caller says what the limits are (see
 * memoryLimits), so it runs the same in a browser, in Node and in tests.
 */
export function checkFits(estimate: MemoryEstimate, limits: MemoryLimits, what = "this model"): void {
  const overRam = limits.totalMemory !== undefined && estimate.total > limits.totalMemory;
  const overWasm = limits.wasmMemory !== undefined && estimate.inWasm > limits.wasmMemory;
  if (!overRam && !overWasm) return;
  const parts = [
    `weights ${formatBytes(estimate.weights)}`,
    estimate.gradients && `gradients ${formatBytes(estimate.gradients)}`,
    estimate.optimizer && `AdamW moments ${formatBytes(estimate.optimizer)}`,
    `activations ${formatBytes(estimate.activations)}`,
    estimate.dataset && `dataset ${formatBytes(estimate.dataset)}`,
  ].filter(Boolean);
  const have = [
    limits.totalMemory !== undefined && `this machine has ${formatBytes(limits.totalMemory)}`,
    limits.wasmMemory !== undefined && `WebAssembly allows ${formatBytes(limits.wasmMemory)} per process`,
  ].filter(Boolean);
  throw new Error(
    `${what} needs ${formatBytes(estimate.total)} (${parts.join(", ")}); ${have.join(" and ")}: choose a smaller model, batch size or fewer workers`,
  );
}

/**
 * The machine's RAM where the runtime can tell (Node 20.16+ has process.getBuiltinModule, so
 * this file needs no node: import and stays browser-safe), else undefined.
 */
export function machineMemory(): number | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const os = proc?.getBuiltinModule?.("node:os") as { totalmem(): number } | undefined;
  return os?.totalmem();
}

/** The limits of this process: its machine's RAM, and 4 GB of WebAssembly memory when the wasm kernels run. */
export const memoryLimits = (): MemoryLimits => ({
  totalMemory: machineMemory(),
  wasmMemory: activeBackend().memory ? WASM_MAX_BYTES : undefined,
});
