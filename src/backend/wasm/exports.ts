import type { ElementwiseExports } from "./elementwise.js";
import type { MatmulExports } from "./matmul.js";
import type { RowsExports } from "./rows.js";
import type { ColumnsExports } from "./columns.js";
import type { AttentionExports } from "./attention.js";
import type { LookupsExports } from "./lookups.js";
import type { RecurrentExports } from "./recurrent.js";
import type { OptimExports } from "./optim.js";
import type { RandomExports } from "./random.js";

/** The module's host hooks (asm/index.ts, asm/workspace.ts, asm/gemm.ts). */
export interface HostExports {
  heapBase(): number;
  workspaceBytes(): number;
  setWorkspace(ptr: number): void;
  /** GEMM tile policy: micro-tile height (1..6) and whether to pack A, for row-major and transposed A */
  setGemmTiles(rowMajorMr: number, rowMajorPack: number, transAMr: number, transAPack: number): void;
  resetGemmTiles(): void;
}

/**
 * The raw exports of the AssemblyScript kernel module (asm/index.ts): the host hooks and each
 * group's kernels, declared next to their wrappers. Every array argument is a byte address in
 * the shared linear memory (0 = null); booleans are 0 / 1.
 */
export interface KernelExports
  extends
    HostExports,
    ElementwiseExports,
    MatmulExports,
    RowsExports,
    ColumnsExports,
    AttentionExports,
    LookupsExports,
    RecurrentExports,
    OptimExports,
    RandomExports {}
