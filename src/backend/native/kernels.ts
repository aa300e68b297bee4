import type { Kernels, KernelName } from "../kernels/index.js";
import { Marshal } from "../wasm/marshal.js";
import type { LinearMemory } from "../wasm/memory.js";
import type { NativeExports } from "./exports.js";
import { NativeAttachment } from "./memory.js";
import { matmulKernels } from "./matmul.js";
import { rowsKernels } from "./rows.js";
import { attentionKernels } from "./attention.js";
import { optimKernels } from "./optim.js";

/**
 * The kernels that run natively: the ones that dominate as models grow (the GEMM family,
 * attention, layer norm, AdamW). Each N-API call costs ~0.1–0.3 µs, so the many small kernels
 * stay on wasm, where a call is cheaper.
 */
function nativeGroups(X: NativeExports, m: Marshal, at: NativeAttachment) {
  return {
    ...matmulKernels(X, m, at),
    ...rowsKernels(X, m, at),
    ...attentionKernels(X, m, at),
    ...optimKernels(X, m, at),
  };
}

/** The native table: the wasm table with the native kernels over it, on the same memory. */
export function createNativeKernels(X: NativeExports, mem: LinearMemory, wasmKernels: Kernels): Kernels {
  return { ...wasmKernels, ...nativeGroups(X, new Marshal(mem), new NativeAttachment(X, mem)) };
}

// The wrappers only build closures when created, so stand-ins are enough to read off their names.
const notLoaded = new Proxy(
  {},
  {
    get: () => () => {
      throw new Error("native: the addon is not loaded");
    },
  },
);

/** Names of the kernels the native backend runs natively (the rest are the wasm backend's). */
export const NATIVE_KERNEL_NAMES: readonly KernelName[] = Object.freeze(
  Object.keys(nativeGroups(notLoaded as NativeExports, notLoaded as Marshal, notLoaded as NativeAttachment)) as KernelName[],
);
