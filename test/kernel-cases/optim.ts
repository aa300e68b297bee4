import type { OptimKernels } from "../../src/backend/index.js";
import { uniform, type Case, type GroupCases } from "./inputs.js";

export function optimCases(): GroupCases<OptimKernels> {
  const adamw: Case[] = [];
  for (const n of [1, 3, 4, 5, 103]) {
    for (const [step, wd] of [[1, 0], [10, 0.01], [1000, 0.1]]) {
      adamw.push({
        label: `n=${n} step=${step} wd=${wd}`,
        args: [uniform(n), uniform(n, -0.1, 0.1), uniform(n, -0.01, 0.01), uniform(n, 0, 1e-3), n, 3e-3, 0.9, 0.99, 1e-8, wd, step],
      });
    }
  }
  return { adamw };
}
