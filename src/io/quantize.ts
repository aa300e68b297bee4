/**
 * int8 per-row symmetric quantization (what `makemore export --dtype int8` stores): each row r
 * of a 2-D weight gets one float32 scale s_r = max|w_r| / 127 (1 for an all-zero row) and
 * q = round(w / s_r) in [-127, 127], rounding half to even as torch.round does; the value read
 * back is q · s_r. -128 is never written, so the range is symmetric and negation is exact.
 */
export interface QuantizedRows {
  /** (rows, cols) row-major */
  q: Int8Array;
  /** (rows,) */
  scale: Float32Array;
}

/** Rounds to the nearest integer, ties to even (torch.round, numpy.rint). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export function quantizeRows(w: Float32Array, rows: number, cols: number): QuantizedRows {
  const q = new Int8Array(rows * cols);
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let amax = 0;
    for (let c = 0; c < cols; c++) amax = Math.max(amax, Math.abs(w[r * cols + c]));
    const s = amax > 0 ? Math.fround(amax / 127) : 1;
    scale[r] = s;
    for (let c = 0; c < cols; c++) {
      const v = roundHalfEven(Math.fround(w[r * cols + c] / s));
      q[r * cols + c] = Math.max(-127, Math.min(127, v));
    }
  }
  return { q, scale };
}

/** q · scale per row, in float32. */
export function dequantizeRows(q: ArrayLike<number>, scale: ArrayLike<number>, rows: number, cols: number): Float32Array {
  const w = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) w[r * cols + c] = q[r * cols + c] * scale[r];
  return w;
}
