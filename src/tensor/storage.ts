import { type DType, type Storage } from "./dtype.js";

/**
 * Where tensor memory comes from. The default is the garbage-collected JS heap; the trainer
 * installs an arena (or wasm memory) for a step's activations so nothing is allocated per op.
 */
export interface Allocator {
  /** n elements, zero-filled unless `uninitialized` (then the caller writes every element). */
  alloc(dtype: DType, n: number, uninitialized?: boolean): Storage;
}

export const heapAllocator: Allocator = {
  alloc(dtype, n) {
    switch (dtype) {
      case "float32":
        return new Float32Array(n);
      case "float64":
        return new Float64Array(n);
      case "int32":
        return new Int32Array(n);
      case "bool":
        return new Uint8Array(n);
    }
  },
};

let current: Allocator = heapAllocator;

/** Fresh storage from the current allocator: zero-filled, or (for kernel outputs that write every element) possibly not. */
export function allocStorage(dtype: DType, n: number, uninitialized = false): Storage {
  return current.alloc(dtype, n, uninitialized);
}

/** Runs fn with `allocator` providing all tensor storage, then restores the previous one. */
export function withAllocator<T>(allocator: Allocator, fn: () => T): T {
  const prev = current;
  current = allocator;
  try {
    return fn();
  } finally {
    current = prev;
  }
}
