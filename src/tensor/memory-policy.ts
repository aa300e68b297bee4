import type { HalfKind } from "./half.js";

/**
 * How a training step keeps its activations (set by the training session around forward and
 * backward; read by nn/checkpoint.ts's runBlock and the fused recurrent nodes):
 * - `checkpoint`: keep only each block's input and recompute the block during backward;
 * - `storage`: "float32" keeps what backward needs as computed; "float16" / "bfloat16" keeps it
 *   in 16 bits (rounded to nearest even) and widens it again when backward runs, and rounds the
 *   tensors that cross block boundaries (the residual stream and its gradient) to 16-bit values.
 * The default (no checkpointing, float32) is makemore's exact recipe: runBlock is then a plain call.
 */
export interface MemoryPolicy {
  checkpoint: boolean;
  storage: "float32" | HalfKind;
}

export const DEFAULT_MEMORY_POLICY: MemoryPolicy = Object.freeze({ checkpoint: false, storage: "float32" });

let policy: MemoryPolicy = DEFAULT_MEMORY_POLICY;
let recomputing = 0;

export const memoryPolicy = (): MemoryPolicy => policy;

/** Runs fn (a forward and its backward) under `p`. */
export function withMemoryPolicy<T>(p: MemoryPolicy, fn: () => T): T {
  const prev = policy;
  policy = p;
  try {
    return fn();
  } finally {
    policy = prev;
  }
}

/** True while a checkpointed block's forward runs again inside backward: state updates (BatchNorm's running stats) must not happen twice. */
export const isRecomputing = (): boolean => recomputing > 0;

export function whileRecomputing<T>(fn: () => T): T {
  recomputing++;
  try {
    return fn();
  } finally {
    recomputing--;
  }
}
