import type { F32, I32 } from "./arrays.js";

/** Embedding tables: rows picked (and summed) by index. */
export interface LookupsKernels {
  /** out[i, :] = weight[idx[i], :] for n indices of rows of width C */
  embedding(out: F32, weight: F32, idx: I32, n: number, C: number): void;
  /** dweight[idx[i], :] += dout[i, :] */
  embeddingBackward(dweight: F32, dout: F32, idx: I32, n: number, C: number): void;
  /** out[i, :] = Σ_j tables[j][idx[i, j], :]: n rows of k indices into k tables of V rows of width C, back to back */
  embeddingSum(out: F32, tables: F32, idx: I32, n: number, k: number, V: number, C: number): void;
  /** dtables[j][idx[i, j], :] += dout[i, :] */
  embeddingSumBackward(dtables: F32, dout: F32, idx: I32, n: number, k: number, V: number, C: number): void;
}
