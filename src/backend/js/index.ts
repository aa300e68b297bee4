import type { Kernels } from "../kernels.js";
import * as elementwise from "./elementwise.js";
import * as strided from "./strided.js";
import * as reduce from "./reduce.js";
import * as matmul from "./matmul.js";
import * as rows from "./rows.js";
import * as optim from "./optim.js";
import * as attention from "./attention.js";
import * as columns from "./columns.js";
import * as recurrent from "./recurrent.js";

/** The plain TypeScript reference backend: every kernel, readable, and the oracle for the others. */
export const jsKernels: Kernels = {
  ...elementwise,
  ...strided,
  ...reduce,
  ...matmul,
  ...rows,
  ...optim,
  ...attention,
  ...columns,
  ...recurrent,
};
