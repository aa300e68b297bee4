// Matrix products: the GEMM driver (gemm.ts) and nn.Linear forward and backward on top of it.
import { matmul } from "./gemm";
import { at } from "./row-ops";

export { matmul };

/** out (BT, OC) = inp (BT, C) · weightᵀ + bias: out starts as the bias rows, then accumulates. */
export function linear(out: usize, inp: usize, weight: usize, bias: usize, BT: i32, C: i32, OC: i32): void {
  if (bias != 0 && C > 0) {
    const rowBytes = <usize>OC << 2;
    for (let r = 0; r < BT; r++) memory.copy(out + <usize>r * rowBytes, bias, rowBytes);
    matmul(out, inp, weight, BT, C, OC, false, true, true);
  } else {
    matmul(out, inp, weight, BT, C, OC, false, true, false);
    if (bias != 0) {
      const rowBytes = <usize>OC << 2;
      for (let r = 0; r < BT; r++) memory.copy(out + <usize>r * rowBytes, bias, rowBytes);
    }
  }
}

/** dinp = dout · weight; dweight += doutᵀ · inp; dbias += Σ_rows dout (0 pointers are skipped) */
export function linearBackward(
  dinp: usize, dweight: usize, dbias: usize,
  dout: usize, inp: usize, weight: usize, BT: i32, C: i32, OC: i32,
): void {
  if (dinp != 0) matmul(dinp, dout, weight, BT, OC, C, false, false, false);
  if (dweight != 0) matmul(dweight, dout, inp, OC, BT, C, true, false, true);
  if (dbias != 0) {
    for (let r = 0; r < BT; r++) {
      const row = at(dout, r * OC);
      let j = 0;
      for (; j + 4 <= OC; j += 4) v128.store(at(dbias, j), f32x4.add(v128.load(at(dbias, j)), v128.load(at(row, j))));
      for (; j < OC; j++) store<f32>(at(dbias, j), load<f32>(at(dbias, j)) + load<f32>(at(row, j)));
    }
  }
}
