import type {
  Kernels,
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
} from "../kernels/index.js";
import * as elementwise from "./elementwise.js";
import * as strided from "./strided.js";
import * as reduce from "./reduce.js";
import * as matmul from "./matmul.js";
import * as rows from "./rows.js";
import * as columns from "./columns.js";
import * as attention from "./attention.js";
import * as lookups from "./lookups.js";
import * as recurrent from "./recurrent.js";
import * as optim from "./optim.js";
import * as random from "./random.js";

/**
 * The plain TypeScript reference backend: every kernel, readable, and the oracle for the others.
 * Each file is checked against its own group's interface, so a kernel in the wrong file fails to compile.
 */
export const jsKernels: Kernels = {
  ...(elementwise satisfies ElementwiseKernels),
  ...(strided satisfies StridedKernels),
  ...(reduce satisfies ReduceKernels),
  ...(matmul satisfies MatmulKernels),
  ...(rows satisfies RowsKernels),
  ...(columns satisfies ColumnsKernels),
  ...(attention satisfies AttentionKernels),
  ...(lookups satisfies LookupsKernels),
  ...(recurrent satisfies RecurrentKernels),
  ...(optim satisfies OptimKernels),
  ...(random satisfies RandomKernels),
};
