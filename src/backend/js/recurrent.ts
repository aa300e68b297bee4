// Fused LSTM gate math for one time step over B rows of n hidden units. The gate
// pre-activations come from one GEMM as (B, 4n) rows laid out [i | f | o | g].
type F32 = Float32Array;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function lstmCell(gates: F32, c: F32, tanhC: F32, h: F32, cPrev: F32, B: number, n: number): void {
  for (let b = 0; b < B; b++) {
    const row = b * 4 * n;
    for (let j = 0; j < n; j++) {
      const k = b * n + j;
      const i = (gates[row + j] = sigmoid(gates[row + j]));
      const f = (gates[row + n + j] = sigmoid(gates[row + n + j]));
      const o = (gates[row + 2 * n + j] = sigmoid(gates[row + 2 * n + j]));
      const g = (gates[row + 3 * n + j] = Math.tanh(gates[row + 3 * n + j]));
      const cv = (c[k] = Math.fround(f * cPrev[k]) + Math.fround(i * g));
      const tc = (tanhC[k] = Math.tanh(cv));
      h[k] = o * tc;
    }
  }
}

export function lstmCellBackward(dgates: F32, dcPrev: F32, dh: F32, dc: F32, gates: F32, cPrev: F32, tanhC: F32, B: number, n: number): void {
  for (let b = 0; b < B; b++) {
    const row = b * 4 * n;
    for (let j = 0; j < n; j++) {
      const k = b * n + j;
      const i = gates[row + j],
        f = gates[row + n + j],
        o = gates[row + 2 * n + j],
        g = gates[row + 3 * n + j];
      const tc = tanhC[k];
      // h = o tanh(c): the gradient reaching c is the carried dc plus dh's path through tanh
      const dcTotal = Math.fround(dc[k] + Math.fround(Math.fround(dh[k] * o) * (1 - tc * tc)));
      dgates[row + j] = Math.fround(dcTotal * g) * i * (1 - i);
      dgates[row + n + j] = Math.fround(dcTotal * cPrev[k]) * f * (1 - f);
      dgates[row + 2 * n + j] = Math.fround(dh[k] * tc) * o * (1 - o);
      dgates[row + 3 * n + j] = Math.fround(dcTotal * i) * (1 - g * g);
      dcPrev[k] = dcTotal * f;
    }
  }
}
