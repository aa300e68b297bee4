import type { Kernels, KernelName } from "../kernels/index.js";
import { jsKernels } from "../js/index.js";
import type { KernelExports } from "./exports.js";
import { Marshal } from "./marshal.js";
import type { LinearMemory } from "./memory.js";
import { elementwiseKernels } from "./elementwise.js";
import { matmulKernels } from "./matmul.js";
import { rowsKernels } from "./rows.js";
import { columnsKernels } from "./columns.js";
import { attentionKernels } from "./attention.js";
import { lookupsKernels } from "./lookups.js";
import { recurrentKernels } from "./recurrent.js";
import { optimKernels } from "./optim.js";
import { randomKernels } from "./random.js";

/** Every kernel group that runs in wasm, each wrapper typed against its group's interface. */
function wasmGroups(X: KernelExports, m: Marshal) {
  return {
    ...elementwiseKernels(X, m),
    ...matmulKernels(X, m),
    ...rowsKernels(X, m),
    ...columnsKernels(X, m),
    ...attentionKernels(X, m),
    ...lookupsKernels(X, m),
    ...recurrentKernels(X, m),
    ...optimKernels(X, m),
    ...randomKernels(X, m),
  };
}

/**
 * The wasm kernel table: every float32 loop runs in the wasm module; the JS-only groups
 * (strided, reduce) stay on the JS reference, since they index arbitrary dtypes through
 * arbitrary strides and are mostly data movement.
 */
export function createWasmKernels(X: KernelExports, mem: LinearMemory): Kernels {
  return { ...jsKernels, ...wasmGroups(X, new Marshal(mem)) };
}

// The wrappers only build closures when created, so a stand-in module that refuses every call
// is enough to read off their names without loading wasm.
const notLoaded = new Proxy(
  {},
  {
    get: () => () => {
      throw new Error("wasm: the kernel module is not loaded");
    },
  },
);

/** Names of the kernels the wasm table runs in wasm (the rest fall back to JS), read off the wrappers. */
export const WASM_KERNEL_NAMES: readonly KernelName[] = Object.freeze(
  Object.keys(wasmGroups(notLoaded as KernelExports, notLoaded as Marshal)) as KernelName[],
);
