import type { ColumnsKernels } from "../../src/backend/index.js";
import { uniform, type Case, type GroupCases } from "./inputs.js";

export function columnsCases(): GroupCases<ColumnsKernels> {
  const columnSums: Case[] = [];
  const columnCenteredDot: Case[] = [];
  const columnAffine: Case[] = [];
  for (const [rows, C] of [
    [1, 1],
    [3, 2],
    [2, 5],
    [33, 7],
    [2048, 64],
    [100, 130],
  ]) {
    const label = `rows=${rows} C=${C}`;
    const x = uniform(rows * C, -2, 3);
    const mean = uniform(C, 0, 1);
    columnSums.push({ label, args: [new Float32Array(C), x, rows, C] });
    columnCenteredDot.push({ label: `${label} centred`, args: [new Float32Array(C), x, x, mean, rows, C, true] });
    columnCenteredDot.push({ label: `${label} plain`, args: [new Float32Array(C), uniform(rows * C), x, mean, rows, C, false] });
    columnAffine.push({ label: `${label} x only`, args: [new Float32Array(rows * C), null, null, x, uniform(C), uniform(C), rows, C] });
    columnAffine.push({ label: `${label} a and x`, args: [new Float32Array(rows * C), uniform(rows * C), uniform(C), x, uniform(C), uniform(C), rows, C] });
  }
  return { columnSums, columnCenteredDot, columnAffine };
}
