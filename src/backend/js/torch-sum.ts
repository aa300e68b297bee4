/**
 * PyTorch's float32 sum over a contiguous run (aten/src/ATen/native/cpu/SumKernel.cpp,
 * cascade_sum on an AVX2 build, one thread): runs of 8 floats are vectors summed 4 at a time
 * through a multi-level cascade; the scalar tail is summed first, then the 8 vector lanes are
 * added in order. Fewer than 8 values take the scalar path (4 accumulators). Emulating it gives
 * torch's exact float32 results, e.g. rand(3) / rand(3).sum().
 */
const f = Math.fround;
const LANES = 8;
const ILP = 4;
const LEVELS = 4;

const ceilLog2 = (n: number): number => (n <= 1 ? 0 : Math.ceil(Math.log2(n)));

// acc[level][row][lane]: lanes = 8 for vectors, 1 for scalars
let acc = new Float64Array(LEVELS * ILP * LANES);

/**
 * multi_row_sum: sums `size` rows of ILP columns (each column `lanes` wide, columns `colStride`
 * apart, rows `rowStride` apart) into acc[0], with torch's cascade of LEVELS accumulators.
 */
function multiRowSum(x: ArrayLike<number>, base: number, rowStride: number, colStride: number, size: number, lanes: number): void {
  acc.fill(0);
  const levelPower = Math.max(4, Math.floor(ceilLog2(size) / LEVELS));
  const levelStep = 1 << levelPower;
  const levelMask = levelStep - 1;
  const at = (level: number, row: number) => (level * ILP + row) * LANES;
  const addRow = (i: number) => {
    const p = base + i * rowStride;
    for (let k = 0; k < ILP; k++) {
      const a = at(0, k);
      for (let l = 0; l < lanes; l++) acc[a + l] = f(acc[a + l] + x[p + k * colStride + l]);
    }
  };
  let i = 0;
  while (i + levelStep <= size) {
    for (let j = 0; j < levelStep; j++, i++) addRow(i);
    for (let j = 1; j < LEVELS; j++) {
      for (let k = 0; k < ILP; k++) {
        const hi = at(j, k);
        const lo = at(j - 1, k);
        for (let l = 0; l < lanes; l++) {
          acc[hi + l] = f(acc[hi + l] + acc[lo + l]);
          acc[lo + l] = 0;
        }
      }
      if ((i & (levelMask << (j * levelPower))) !== 0) break;
    }
  }
  for (; i < size; i++) addRow(i);
  for (let j = 1; j < LEVELS; j++)
    for (let k = 0; k < ILP; k++) {
      const a = at(0, k);
      const b = at(j, k);
      for (let l = 0; l < lanes; l++) acc[a + l] = f(acc[a + l] + acc[b + l]);
    }
}

/** row_sum: ILP-way partial sums of `size` items (`lanes` wide, `stride` apart), the rest into item 0, then folded. */
function rowSum(x: ArrayLike<number>, base: number, stride: number, size: number, lanes: number): void {
  const sizeIlp = Math.floor(size / ILP);
  multiRowSum(x, base, stride * ILP, stride, sizeIlp, lanes);
  for (let i = sizeIlp * ILP; i < size; i++) for (let l = 0; l < lanes; l++) acc[l] = f(acc[l] + x[base + i * stride + l]);
  for (let k = 1; k < ILP; k++) for (let l = 0; l < lanes; l++) acc[l] = f(acc[l] + acc[k * LANES + l]);
}

export function torchSumF32(x: ArrayLike<number>, base: number, n: number): number {
  if (acc.length < LEVELS * ILP * LANES) acc = new Float64Array(LEVELS * ILP * LANES);
  if (n < LANES) {
    rowSum(x, base, 1, n, 1);
    return acc[0];
  }
  const vecs = Math.floor(n / LANES);
  rowSum(x, base, LANES, vecs, LANES);
  let total = 0;
  for (let k = vecs * LANES; k < n; k++) total = f(total + x[base + k]);
  for (let l = 0; l < LANES; l++) total = f(total + acc[l]);
  return total;
}
