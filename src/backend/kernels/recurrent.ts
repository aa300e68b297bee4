import type { F32 } from "./arrays.js";

/** Recurrent cells, one time step over a batch. */
export interface RecurrentKernels {
  /**
   * One LSTM step on B rows of n units. `gates` (B, 4n) holds the pre-activations [i | f | o | g]
   * and is overwritten with σ(i), σ(f), σ(o), tanh(g); then c = f⊙cPrev + i⊙g, tanhC = tanh(c),
   * h = o⊙tanhC, each (B, n).
   */
  lstmCell(gates: F32, c: F32, tanhC: F32, h: F32, cPrev: F32, B: number, n: number): void;
  /**
   * Its backward from dh and dc (what reaches h and c from later on) and the saved activated
   * gates, cPrev and tanhC: dgates (B, 4n) w.r.t. the pre-activations and dcPrev (B, n).
   */
  lstmCellBackward(dgates: F32, dcPrev: F32, dh: F32, dc: F32, gates: F32, cPrev: F32, tanhC: F32, B: number, n: number): void;
}
