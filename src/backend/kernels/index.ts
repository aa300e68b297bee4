/**
 * The backend seam: every numeric loop the engine runs, over flat typed arrays and integer dims,
 * in groups. A group has the same name everywhere: its interface here, its reference twin in
 * `../js/`, and (unless it is JS only) its AssemblyScript kernels in `asm/` and their wrappers in
 * `../wasm/`. Conventions: outputs first, then inputs, then dims; gradients carry a `d` prefix;
 * arrays are contiguous row-major (a `subarray` view is fine). `js/` is the readable reference
 * and the parity oracle. "+=" in a doc comment means the kernel accumulates into that output.
 */
import type { ElementwiseKernels } from "./elementwise.js";
import type { StridedKernels } from "./strided.js";
import type { ReduceKernels } from "./reduce.js";
import type { MatmulKernels } from "./matmul.js";
import type { RowsKernels } from "./rows.js";
import type { ColumnsKernels } from "./columns.js";
import type { AttentionKernels } from "./attention.js";
import type { LookupsKernels } from "./lookups.js";
import type { RecurrentKernels } from "./recurrent.js";
import type { OptimKernels } from "./optim.js";
import type { RandomKernels } from "./random.js";

export type { F32, I32, AnyArray } from "./arrays.js";
export type { BinaryOp } from "./strided.js";
export type {
  ElementwiseKernels,
  StridedKernels,
  ReduceKernels,
  MatmulKernels,
  RowsKernels,
  ColumnsKernels,
  AttentionKernels,
  LookupsKernels,
  RecurrentKernels,
  OptimKernels,
  RandomKernels,
};

/** The whole kernel table: what a backend provides. */
export interface Kernels
  extends
    ElementwiseKernels,
    StridedKernels,
    ReduceKernels,
    MatmulKernels,
    RowsKernels,
    ColumnsKernels,
    AttentionKernels,
    LookupsKernels,
    RecurrentKernels,
    OptimKernels,
    RandomKernels {}

export type KernelName = keyof Kernels;
