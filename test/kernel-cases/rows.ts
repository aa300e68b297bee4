import { jsKernels, type RowsKernels } from "../../src/backend/index.js";
import { uniform, ints, type Case, type GroupCases } from "./inputs.js";

const ROW_SHAPES: [number, number][] = [
  [1, 1],
  [3, 2],
  [2, 3],
  [4, 5],
  [7, 27],
  [5, 64],
  [3, 130],
  [512, 27],
];

function softmaxFamilyCases(): Partial<GroupCases<RowsKernels>> {
  const out: Partial<GroupCases<RowsKernels>> = {};
  const add = (k: keyof RowsKernels, c: Case) => (out[k] ??= []).push(c);
  for (const [rows, cols] of ROW_SHAPES) {
    const n = rows * cols;
    const x = uniform(n, -8, 8);
    const label = `${rows}x${cols}`;
    add("softmax", { label, args: [new Float32Array(n), x, rows, cols] });
    add("logSoftmax", { label, args: [new Float32Array(n), x, rows, cols] });
    const sm = new Float32Array(n),
      lsm = new Float32Array(n);
    jsKernels.softmax(sm, x, rows, cols);
    jsKernels.logSoftmax(lsm, x, rows, cols);
    add("softmaxBackward", { label, args: [new Float32Array(n), uniform(n), sm, rows, cols] });
    add("logSoftmaxBackward", { label, args: [new Float32Array(n), uniform(n), lsm, rows, cols] });
    // targets with ignored rows (torch's -100, and an ignore index inside the class range)
    for (const ignoreIndex of [-100, 0]) {
      const targets = ints(rows, cols);
      for (let r = 0; r < rows; r += 3) targets[r] = ignoreIndex === 0 ? 0 : -100;
      add("crossEntropy", {
        label: `${label} ignore=${ignoreIndex}`,
        args: [new Float32Array(n), new Float32Array(rows), x, targets, rows, cols, ignoreIndex],
      });
      const probs = new Float32Array(n);
      jsKernels.crossEntropy(probs, new Float32Array(rows), x, targets, rows, cols, ignoreIndex);
      add("crossEntropyBackward", { label: `${label} ignore=${ignoreIndex}`, args: [uniform(n), probs, targets, 1 / rows, rows, cols, ignoreIndex] });
    }
  }
  // masked rows: -inf entries give exact zeros; an all -inf row gives NaN in softmax
  const masked = Float32Array.from([0.5, -Infinity, 2, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, 1, 1, 1, 1e30]);
  add("softmax", { label: "masked rows", args: [new Float32Array(12), masked, 3, 4] });
  add("logSoftmax", { label: "masked rows", args: [new Float32Array(12), masked, 3, 4] });
  add("crossEntropy", {
    label: "large logits",
    args: [new Float32Array(8), new Float32Array(2), Float32Array.from([80, -80, 0, 1, 1e3, 1e3, -1e3, 5]), Int32Array.from([1, 2]), 2, 4, -100],
  });
  add("crossEntropy", { label: "target out of bounds", args: [new Float32Array(8), new Float32Array(2), uniform(8), Int32Array.from([1, 4]), 2, 4, -100] });
  add("crossEntropy", { label: "negative target", args: [new Float32Array(8), new Float32Array(2), uniform(8), Int32Array.from([-1, 0]), 2, 4, -100] });
  return out;
}

function layerNormCases(): Pick<GroupCases<RowsKernels>, "layerNorm" | "layerNormBackward"> {
  const layerNorm: Case[] = [];
  const layerNormBackward: Case[] = [];
  for (const [rows, C] of [
    [1, 1],
    [3, 3],
    [4, 4],
    [5, 27],
    [16, 64],
    [2, 130],
  ]) {
    const x = uniform(rows * C, -3, 3);
    for (const affine of [true, false]) {
      const w = affine ? uniform(C, 0.5, 1.5) : null;
      const b = affine ? uniform(C) : null;
      const label = `${rows}x${C} ${affine ? "affine" : "plain"}`;
      layerNorm.push({ label, args: [new Float32Array(rows * C), new Float32Array(rows), new Float32Array(rows), x, w, b, rows, C, 1e-5], atol: 1e-5 });
      const mean = new Float32Array(rows),
        rstd = new Float32Array(rows);
      jsKernels.layerNorm(new Float32Array(rows * C), mean, rstd, x, w, b, rows, C, 1e-5);
      for (const mask of [7, 1, 6]) {
        layerNormBackward.push({
          label: `${label} outputs=${mask}`,
          args: [
            mask & 1 ? new Float32Array(rows * C) : null,
            mask & 2 ? uniform(C) : null,
            mask & 4 ? uniform(C) : null,
            uniform(rows * C),
            x,
            w,
            mean,
            rstd,
            rows,
            C,
          ],
          atol: 1e-5,
        });
      }
    }
  }
  return { layerNorm, layerNormBackward };
}

export function rowsCases(): GroupCases<RowsKernels> {
  return { ...softmaxFamilyCases(), ...layerNormCases() } as GroupCases<RowsKernels>;
}
