// Parity cases for every kernel that runs in wasm, one file per kernel group (named as in
// src/backend/kernels/), each keyed by its group's kernel names. kernels.test.ts fails for any
// wasm kernel without cases.
import type { KernelName } from "../../src/backend/index.js";
import type { Case } from "./inputs.js";
import { elementwiseCases } from "./elementwise.js";
import { matmulCases } from "./matmul.js";
import { rowsCases } from "./rows.js";
import { columnsCases } from "./columns.js";
import { attentionCases } from "./attention.js";
import { lookupsCases } from "./lookups.js";
import { recurrentCases } from "./recurrent.js";
import { optimCases } from "./optim.js";
import { randomCases } from "./random.js";

export { uniform, type Arg, type Case } from "./inputs.js";

export const CASES: Partial<Record<KernelName, Case[]>> = {
  ...elementwiseCases(),
  ...matmulCases(),
  ...rowsCases(),
  ...columnsCases(),
  ...attentionCases(),
  ...lookupsCases(),
  ...recurrentCases(),
  ...optimCases(),
  ...randomCases(),
};
