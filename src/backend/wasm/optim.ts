import type { OptimKernels } from "../kernels/index.js";
import type { Marshal } from "./marshal.js";

/** asm/optim.ts as the host sees it: byte addresses into the wasm memory, float32 scalars. */
export interface OptimExports {
  adamw(
    param: number,
    grad: number,
    expAvg: number,
    expAvgSq: number,
    n: number,
    decay: number,
    beta1: number,
    beta2: number,
    oneMinusBeta1: number,
    oneMinusBeta2: number,
    stepSize: number,
    bc2Sqrt: number,
    eps: number,
  ): void;
  sumSquares(a: number, n: number): number;
}

const f = Math.fround;

/** The optimizer step and the sum of squares in wasm. */
export function optimKernels(X: OptimExports, m: Marshal): OptimKernels {
  return {
    adamw(param, grad, expAvg, expAvgSq, n, lr, beta1, beta2, eps, weightDecay, step) {
      // the per-step scalars, rounded exactly as src/backend/js/optim.ts rounds them
      const decay = f(1 - lr * weightDecay);
      const stepSize = f(lr / (1 - Math.pow(beta1, step)));
      const bc2Sqrt = f(Math.sqrt(1 - Math.pow(beta2, step)));
      m.begin();
      const pg = m.input(grad, n);
      X.adamw(
        m.inout(param, n),
        pg,
        m.inout(expAvg, n),
        m.inout(expAvgSq, n),
        n,
        decay,
        f(beta1),
        f(beta2),
        f(1 - beta1),
        f(1 - beta2),
        stepSize,
        bc2Sqrt,
        f(eps),
      );
      m.end();
    },
    sumSquares(a, n) {
      m.begin();
      const sum = X.sumSquares(m.input(a, n), n);
      m.end();
      return sum;
    },
  };
}
