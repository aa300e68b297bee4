import { Tensor } from "../tensor/tensor.js";
import { ones, zeros } from "../tensor/creation.js";
import { record } from "../tensor/autograd.js";
import { formatShape } from "../tensor/shape.js";
import { Module, buffer, parameter } from "./module.js";
import { currentCollective } from "./collective.js";

type F32 = Float32Array;

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

  constructor(readonly numFeatures: number, readonly eps = 1e-5, readonly momentum = 0.1) {
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
    const X = rows.flat() as F32;
    const W = this.weight.flat() as F32;
    const B = this.bias.flat() as F32;
    const coll = currentCollective();
    // Σx, Σx² and the row count, summed over every worker's rows
    const sums = new Float64Array(2 * C + 1);
    for (let r = 0; r < R; r++) {
      const o = r * C;
      for (let c = 0; c < C; c++) {
        const v = X[o + c];
        sums[c] += v;
        sums[C + c] += v * v;
      }
    }
    sums[2 * C] = R;
    coll?.allReduceSum(sums);
    const N = sums[2 * C];
    const mean = new Float64Array(C);
    const rstd = new Float64Array(C);
    const variance = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      mean[c] = sums[c] / N;
      variance[c] = Math.max(0, sums[C + c] / N - mean[c] * mean[c]);
      rstd[c] = 1 / Math.sqrt(variance[c] + this.eps);
    }
    const out = Tensor.output([R, C], "float32");
    const Y = out.storage as F32;
    for (let r = 0; r < R; r++)
      for (let c = 0; c < C; c++) Y[r * C + c] = (X[r * C + c] - mean[c]) * rstd[c] * W[c] + B[c];
    if (!coll || coll.rank === 0) this.updateRunningStats(mean, variance, N); // shared memory: one writer
    // with g = dy: dx = w·rstd/N · (N·g - Σg - x̂·Σ(g·x̂)), dw = Σ g·x̂, db = Σ g (local: DDP sums them)
    return record(out, "NativeBatchNormBackward0", [rows, this.weight, this.bias], (gOut) => {
      const G = gOut.flat() as F32;
      const red = new Float64Array(2 * C);
      for (let r = 0; r < R; r++)
        for (let c = 0; c < C; c++) {
          const g = G[r * C + c];
          red[c] += g;
          red[C + c] += g * (X[r * C + c] - mean[c]) * rstd[c];
        }
      const dw = Tensor.output([C], "float32");
      const db = Tensor.output([C], "float32");
      for (let c = 0; c < C; c++) {
        dw.storage[c] = red[C + c];
        db.storage[c] = red[c];
      }
      coll?.allReduceSum(red);
      const dx = Tensor.output([R, C], "float32");
      const D = dx.storage as F32;
      for (let r = 0; r < R; r++)
        for (let c = 0; c < C; c++) {
          const xhat = (X[r * C + c] - mean[c]) * rstd[c];
          D[r * C + c] = ((W[c] * rstd[c]) / N) * (N * G[r * C + c] - red[c] - xhat * red[C + c]);
        }
      return [dx, dw, db];
    });
  }

  private updateRunningStats(mean: Float64Array, variance: Float64Array, N: number): void {
    const m = this.momentum;
    const rm = this.running_mean.storage as F32;
    const rv = this.running_var.storage as F32;
    for (let c = 0; c < this.numFeatures; c++) {
      rm[c] = (1 - m) * rm[c] + m * mean[c];
      rv[c] = (1 - m) * rv[c] + m * variance[c] * (N / Math.max(N - 1, 1));
    }
  }
}
