import type { OptimKernels } from "../kernels/index.js";
import type { Marshal } from "../wasm/marshal.js";
import type { NativeExports } from "./exports.js";
import type { NativeAttachment } from "./memory.js";

const f = Math.fround;

/** The AdamW step in native code (the sum of squares stays on wasm: its order is fixed across backends). */
export function optimKernels(X: NativeExports, m: Marshal, at: NativeAttachment): Pick<OptimKernels, "adamw"> {
  return {
    adamw(param, grad, expAvg, expAvgSq, n, lr, beta1, beta2, eps, weightDecay, step) {
      // the per-step scalars, rounded exactly as src/backend/js/optim.ts rounds them
      const decay = f(1 - lr * weightDecay);
      const stepSize = f(lr / (1 - Math.pow(beta1, step)));
      const bc2Sqrt = f(Math.sqrt(1 - Math.pow(beta2, step)));
      m.begin();
      const pg = m.input(grad, n);
      const pp = m.inout(param, n),
        pm = m.inout(expAvg, n),
        pv = m.inout(expAvgSq, n);
      at.sync();
      X.adamw(pp, pg, pm, pv, n, decay, f(beta1), f(beta2), f(1 - beta1), f(1 - beta2), stepSize, bc2Sqrt, f(eps));
      m.end();
    },
  };
}
