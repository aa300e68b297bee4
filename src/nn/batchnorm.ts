import { Tensor } from "../tensor/tensor.js";
import { ones, zeros } from "../tensor/creation.js";
import { record } from "../tensor/autograd.js";
import { formatShape } from "../tensor/shape.js";
import { Module, buffer, parameter } from "./module.js";
import { currentCollective } from "./collective.js";
import { isRecomputing } from "../tensor/memory-policy.js";
import { kernels } from "../backend/index.js";
import { allocStorage } from "../tensor/storage.js";

// small per-step vectors come from the tensor allocator: a fresh JS-heap typed array costs
// microseconds, an arena view nanoseconds
const f32 = (n: number) => allocStorage("float32", n) as Float32Array;
const f64 = (n: number) => allocStorage("float64", n) as Float64Array;
const f64From = (a: Float32Array) => {
  const out = f64(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i];
  return out;
};

/**
 * BatchNorm1d over the LAST dim of any-rank input (all leading dims are rows), as the
 * nn-zero-to-hero lecture uses it: training normalises with the biased batch variance and
 * updates the running stats with momentum 0.1 (running_var from the unbiased variance); eval
 * normalises with the running stats. Under data-parallel training the batch statistics are
 * summed across workers (synchronised BatchNorm), so N workers compute what one would.
 */
export class BatchNorm1d extends Module {
  weight: Tensor;
  bias: Tensor;
  running_mean: Tensor;
  running_var: Tensor;

  constructor(
    readonly numFeatures: number,
    readonly eps = 1e-5,
    readonly momentum = 0.1,
  ) {
    super();
    this.weight = parameter(ones([numFeatures]));
    this.bias = parameter(zeros([numFeatures]));
    this.running_mean = buffer(zeros([numFeatures]));
    this.running_var = buffer(ones([numFeatures]));
  }

  forward(x: Tensor): Tensor {
    const C = this.numFeatures;
    if (x.shape[x.ndim - 1] !== C) throw new Error(`BatchNorm1d(${C}): input ${formatShape(x.shape)} does not end in ${C} features`);
    const rows = x.reshape([-1, C]);
    const y = this.training ? this.trainForward(rows) : this.evalForward(rows);
    return y.reshape(x.shape as number[]);
  }

  private evalForward(rows: Tensor): Tensor {
    return rows.sub(this.running_mean).div(this.running_var.add(this.eps).sqrt()).mul(this.weight).add(this.bias);
  }

  /** y = x̂·w + b with x̂ = (x - mean) / √(var + eps) over the (global) batch; fused forward and backward. */
  private trainForward(rows: Tensor): Tensor {
    const [R, C] = rows.shape;
    const X = rows.f32();
    const W = this.weight.f32();
    const B = this.bias.f32();
    const coll = currentCollective();
    // two passes (mean, then centred squares), each summed over every worker's rows
    const col = f32(C);
    kernels.columnSums(col, X, R, C);
    const sums = f64(C + 1);
    sums.set(col);
    sums[C] = R;
    coll?.allReduceSum(sums);
    const N = sums[C];
    const mean = f32(C);
    for (let c = 0; c < C; c++) mean[c] = sums[c] / N;
    kernels.columnCenteredDot(col, X, X, mean, R, C, true);
    const sq = f64From(col);
    coll?.allReduceSum(sq);
    const variance = f64(C);
    const rstd = f64(C);
    const scale = f32(C);
    const shift = f32(C);
    for (let c = 0; c < C; c++) {
      variance[c] = sq[c] / N;
      rstd[c] = 1 / Math.sqrt(variance[c] + this.eps);
      scale[c] = rstd[c] * W[c];
      shift[c] = B[c] - mean[c] * rstd[c] * W[c];
    }
    const out = Tensor.empty([R, C], "float32");
    kernels.columnAffine(out.f32(), null, null, X, scale, shift, R, C);
    // shared memory: one writer; a checkpointed block's second forward already counted
    if ((!coll || coll.rank === 0) && !isRecomputing()) this.updateRunningStats(mean, variance, N);
    // with g = dy and x̂ = (x - mean)·rstd: dx = w·rstd/N · (N·g - Σg - x̂·Σ(g·x̂)), dw = Σ g·x̂, db = Σ g
    // (dw and db are this worker's part: data-parallel training sums them like every gradient)
    return record(out, "NativeBatchNormBackward0", [rows, this.weight, this.bias], (gOut) => {
      const G = gOut.f32();
      const gSum = f32(C);
      const gDot = f32(C); // Σ g·(x - mean)
      kernels.columnSums(gSum, G, R, C);
      kernels.columnCenteredDot(gDot, G, X, mean, R, C, false);
      const dw = Tensor.empty([C], "float32");
      const db = Tensor.empty([C], "float32");
      const red = f64(2 * C);
      for (let c = 0; c < C; c++) {
        db.storage[c] = gSum[c];
        dw.storage[c] = gDot[c] * rstd[c];
        red[c] = gSum[c];
        red[C + c] = gDot[c];
      }
      coll?.allReduceSum(red);
      // dx = g·A + x·Bc + D, per column
      const A = f32(C);
      const Bc = f32(C);
      const D = f32(C);
      for (let c = 0; c < C; c++) {
        const k = (W[c] * rstd[c]) / N;
        const b3 = -k * rstd[c] * rstd[c] * red[C + c];
        A[c] = W[c] * rstd[c];
        Bc[c] = b3;
        D[c] = -k * red[c] - b3 * mean[c];
      }
      const dx = Tensor.empty([R, C], "float32");
      kernels.columnAffine(dx.f32(), G, A, X, Bc, D, R, C);
      return [dx, dw, db];
    });
  }

  private updateRunningStats(mean: Float32Array, variance: Float64Array, N: number): void {
    const m = this.momentum;
    const rm = this.running_mean.f32();
    const rv = this.running_var.f32();
    for (let c = 0; c < this.numFeatures; c++) {
      rm[c] = (1 - m) * rm[c] + m * mean[c];
      rv[c] = (1 - m) * rv[c] + m * variance[c] * (N / Math.max(N - 1, 1));
    }
  }
}
