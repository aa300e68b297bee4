import type { RecurrentKernels } from "../../src/backend/index.js";
import { uniform, type Case, type GroupCases } from "./inputs.js";

export function recurrentCases(): GroupCases<RecurrentKernels> {
  const lstmCell: Case[] = [];
  const lstmCellBackward: Case[] = [];
  for (const [B, n] of [
    [1, 1],
    [2, 3],
    [3, 5],
    [4, 7],
    [16, 64],
    [0, 4],
  ]) {
    const label = `B=${B} n=${n}`;
    const cells = () => new Float32Array(B * n);
    lstmCell.push({ label, args: [uniform(4 * B * n, -6, 6), cells(), cells(), cells(), uniform(B * n, -3, 3), B, n] });
    const activated = Float32Array.from(uniform(4 * B * n, 0.01, 0.99), (v, k) => (k % (4 * n) >= 3 * n ? 2 * v - 1 : v));
    lstmCellBackward.push({
      label,
      args: [new Float32Array(4 * B * n), cells(), uniform(B * n), uniform(B * n), activated, uniform(B * n, -3, 3), uniform(B * n), B, n],
    });
  }
  return { lstmCell, lstmCellBackward };
}
