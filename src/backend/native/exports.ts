import type { MatmulExports } from "../wasm/matmul.js";
import type { OptimExports } from "../wasm/optim.js";
import type { RowsExports } from "../wasm/rows.js";

/**
 * The raw exports of the native addon (native/src/addon.c), as the host sees them: every array
 * is a byte offset into the wasm memory the thread attached (0 = null), booleans are 0 / 1. The
 * GEMM family, layer norm and AdamW take the wasm exports' signatures (src/backend/wasm/);
 * attention differs (no scratch argument: the addon keeps its own).
 */
export interface NativeExports extends MatmulExports, Pick<RowsExports, "layerNorm" | "layerNormBackward">, Pick<OptimExports, "adamw"> {
  /** The interface version the addon was built with (NATIVE_ABI in addon.ts). */
  abi(): number;
  /** Gives this thread's addon the wasm memory: a Uint8Array over its whole current buffer. */
  attach(memory: Uint8Array): void;
  /** The GEMM micro-kernel in use: "avx512", "avx2", "neon" or "generic". */
  isa(): string;
  /** Forces a GEMM micro-kernel (tests, benchmarks); false if this CPU lacks it. Process-wide. */
  forceIsa(isa: string): boolean;
  attention(out: number, att: number, qkv: number, B: number, T: number, C: number, nh: number): void;
  attentionBackward(dqkv: number, dout: number, qkv: number, att: number, B: number, T: number, C: number, nh: number): void;
  attentionDropout(out: number, att: number, qkv: number, mask: number, B: number, T: number, C: number, nh: number): void;
  attentionDropoutBackward(dqkv: number, dout: number, qkv: number, att: number, mask: number, B: number, T: number, C: number, nh: number): void;
}
