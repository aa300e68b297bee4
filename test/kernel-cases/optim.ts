import type { OptimKernels } from "../../src/backend/index.js";
import { uniform, type Case, type GroupCases } from "./inputs.js";

export function optimCases(): GroupCases<OptimKernels> {
  const adamw: Case[] = [];
  for (const n of [1, 3, 4, 5, 103]) {
    for (const [step, wd] of [
      [1, 0],
      [10, 0.01],
      [1000, 0.1],
    ]) {
      adamw.push({
        label: `n=${n} step=${step} wd=${wd}`,
        args: [uniform(n), uniform(n, -0.1, 0.1), uniform(n, -0.01, 0.01), uniform(n, 0, 1e-3), n, 3e-3, 0.9, 0.99, 1e-8, wd, step],
      });
    }
  }
  const sumSquares: Case[] = [];
  for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 8, 27, 1001, 100_003]) sumSquares.push({ label: `n=${n}`, args: [uniform(n, -3, 3), n] });
  // squares a float32 sum would lose (overflow, underflow, cancellation of magnitudes), ±inf, NaN
  const wide = Float32Array.from([3e38, -3e38, 1e-30, 1, -0, 1e20, 2e-38, 7, 1e-3, 65504, 3e38]);
  sumSquares.push({ label: "wide range", args: [wide, wide.length] });
  sumSquares.push({ label: "inf", args: [Float32Array.from([1, -Infinity, 2, 3, 4]), 5] });
  sumSquares.push({ label: "NaN", args: [Float32Array.from([1, 2, NaN, 3, 4, 5]), 6] });
  sumSquares.push({ label: "n < length", args: [uniform(9), 6] });
  return { adamw, sumSquares };
}
