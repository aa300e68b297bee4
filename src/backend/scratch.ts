import { type Allocator, withAllocator } from "../tensor/storage.js";
import { activeBackend, type ReleasableAllocator } from "./backend.js";

let depth = 0;

/**
 * A fresh allocator for state that outlives scratch scopes but not its owner (a decoder's KV
 * cache): in wasm memory under the wasm kernels, so they use it in place; release() frees it.
 */
export const regionAllocator = (): ReleasableAllocator => activeBackend().region();

/** The active backend's long-lived allocator (`activeBackend().persistent`). */
export const persistentAllocator = (): Allocator => activeBackend().persistent;

/**
 * Runs fn with every tensor it creates taken from the active backend's scratch arena, then makes
 * that space reusable: fn must hand back plain values (a loss number), never tensors, and must
 * not store new tensors anywhere that outlives it. Nested calls share the outer scope.
 */
export function scratch<T>(fn: () => T): T {
  const arena = activeBackend().scratch; // the one to reset, even if fn switches backends
  if (!arena || depth > 0) return fn();
  depth++;
  try {
    return withAllocator(arena, fn);
  } finally {
    depth--;
    arena.reset();
  }
}
