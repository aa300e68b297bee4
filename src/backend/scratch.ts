import { type Allocator, heapAllocator, withAllocator } from "../tensor/storage.js";

/** An allocator whose space can all be reused at once. */
export interface ResettableAllocator extends Allocator {
  reset(): void;
}

let arena: ResettableAllocator | null = null;
let longLived: Allocator = heapAllocator;
let depth = 0;

/** Installs where temporaries and long-lived state go (the wasm backend puts both in wasm memory). */
export function setAllocators(scratchArena: ResettableAllocator | null, persistent: Allocator): void {
  arena = scratchArena;
  longLived = persistent;
}

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
