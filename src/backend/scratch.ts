import { type Allocator, heapAllocator, withAllocator } from "../tensor/storage.js";

/** An allocator whose space can all be reused at once. */
export interface ResettableAllocator extends Allocator {
  reset(): void;
}

/** An allocator whose space is given back all at once when its owner is done. */
export interface ReleasableAllocator extends Allocator {
  release(): void;
}

let arena: ResettableAllocator | null = null;
let longLived: Allocator = heapAllocator;
let makeRegion: () => ReleasableAllocator = () => ({ ...heapAllocator, release() {} });
let depth = 0;

/** Installs where temporaries and long-lived state go (the wasm backend puts both in wasm memory). */
export function setAllocators(scratchArena: ResettableAllocator | null, persistent: Allocator, region?: () => ReleasableAllocator): void {
  arena = scratchArena;
  longLived = persistent;
  makeRegion = region ?? (() => ({ ...heapAllocator, release() {} }));
}

/**
 * A fresh allocator for state that outlives scratch scopes but not its owner (a decoder's KV
 * cache): in wasm memory under the wasm kernels, so they use it in place; release() frees it.
 */
export const regionAllocator = (): ReleasableAllocator => makeRegion();

/** Where parameters, gradients and optimizer state should live for zero-copy kernels. */
export const persistentAllocator = (): Allocator => longLived;

/**
 * Runs fn with every tensor it creates taken from the scratch arena, then makes that space
 * reusable: fn must hand back plain values (a loss number), never tensors, and must not store
 * new tensors anywhere that outlives it. Nested calls share the outer scope.
 */
export function scratch<T>(fn: () => T): T {
  if (!arena || depth > 0) return fn();
  depth++;
  try {
    return withAllocator(arena, fn);
  } finally {
    depth--;
    arena.reset();
  }
}
