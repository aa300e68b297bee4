import type { Kernels } from "./kernels/index.js";
import { jsKernels } from "./js/index.js";
import { type Allocator, heapAllocator } from "../tensor/storage.js";

export type BackendName = "js" | "wasm-simd" | "wasm-relaxed";

/** An allocator whose space can all be reused at once. */
export interface ResettableAllocator extends Allocator {
  reset(): void;
}

/** An allocator whose space is given back all at once when its owner is done. */
export interface ReleasableAllocator extends Allocator {
  release(): void;
}

/**
 * A kernel backend: the kernel table, and where tensors should live so that those kernels use
 * them in place (for wasm: in its memory, no copies across the boundary).
 */
export interface Backend {
  readonly name: BackendName;
  readonly kernels: Kernels;
  /** Where `scratch()` puts one step's temporaries, reset when the scope ends; null: the JS heap. */
  readonly scratch: ResettableAllocator | null;
  /** Where long-lived tensors go: weights and optimizer state that outlive a step or a run. */
  readonly persistent: Allocator;
  /** A fresh allocator for state that outlives scratch scopes but not its owner (a decoder's KV cache). */
  region(): ReleasableAllocator;
  /** The wasm memory the kernels run on (none for js): data-parallel workers attach to it. */
  readonly memory?: WebAssembly.Memory;
}

/** The TypeScript reference kernels on the JS heap: runs everywhere. */
export const jsBackend: Backend = {
  name: "js",
  kernels: jsKernels,
  scratch: null,
  persistent: heapAllocator,
  region: () => ({ ...heapAllocator, release() {} }),
};

let active: Backend = jsBackend;

/** The active kernel table. Ops read this live binding on every call, so a switch takes effect at once. */
export let kernels: Kernels = jsKernels;

/**
 * Installs a backend: its kernels and its allocators, for everything that runs from now on.
 * Tensors made under another backend stay valid (kernels copy what is not in their memory).
 */
export function useBackend(backend: Backend): void {
  active = backend;
  kernels = backend.kernels;
}

export const activeBackend = (): Backend => active;

export const backendName = (): BackendName => active.name;
