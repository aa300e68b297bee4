import type { MatmulKernels } from "../../src/backend/index.js";
import { uniform, type Case, type GroupCases } from "./inputs.js";

const GEMM_SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 5, 1],
  [3, 5, 7],
  [7, 27, 27],
  [27, 1, 5],
  [6, 3, 9],
  [5, 8, 4],
  [13, 64, 27],
  [4, 2, 12],
  [11, 17, 33],
  [64, 96, 27],
  [17, 300, 260],
];

export function matmulCases(): GroupCases<MatmulKernels> {
  const matmul: Case[] = [];
  for (const [M, K, N] of GEMM_SHAPES) {
    const atol = 1e-6 + 3e-8 * K;
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        for (const accumulate of [false, true]) {
          matmul.push({
            label: `${M}x${K}x${N} tA=${transA} tB=${transB} acc=${accumulate}`,
            args: [uniform(M * N), uniform(M * K), uniform(K * N), M, K, N, transA, transB, accumulate],
            atol,
          });
        }
      }
    }
  }
  matmul.push({ label: "K=0 overwrite", args: [uniform(6), new Float32Array(0), new Float32Array(0), 2, 0, 3, false, false, false] });
  matmul.push({ label: "K=0 accumulate", args: [uniform(6), new Float32Array(0), new Float32Array(0), 2, 0, 3, false, false, true] });
  const linear: Case[] = [];
  const linearBackward: Case[] = [];
  for (const [BT, C, OC] of [
    [1, 1, 1],
    [5, 3, 27],
    [32, 64, 27],
    [17, 300, 13],
    [8, 27, 64],
  ]) {
    const atol = 1e-6 + 3e-8 * Math.max(C, OC, BT);
    const inp = uniform(BT * C),
      w = uniform(OC * C),
      bias = uniform(OC),
      dout = uniform(BT * OC);
    linear.push({ label: `${BT}x${C}x${OC} bias`, args: [new Float32Array(BT * OC), inp, w, bias, BT, C, OC], atol });
    linear.push({ label: `${BT}x${C}x${OC} no bias`, args: [new Float32Array(BT * OC), inp, w, null, BT, C, OC], atol });
    for (const mask of [7, 1, 2, 4, 6, 0]) {
      const dinp = mask & 1 ? new Float32Array(BT * C) : null;
      const dw = mask & 2 ? uniform(OC * C) : null; // += : start from non-zero
      const db = mask & 4 ? uniform(OC) : null;
      linearBackward.push({ label: `${BT}x${C}x${OC} outputs=${mask}`, args: [dinp, dw, db, dout, inp, w, BT, C, OC], atol });
    }
  }
  return { matmul, linear, linearBackward };
}
