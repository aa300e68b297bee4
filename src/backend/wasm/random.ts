import type { RandomKernels } from "../kernels/index.js";
import type { Marshal } from "./marshal.js";
import { MT19937_STATE_SIZE as STATE_SIZE } from "../../random/mt19937.js";

/** asm/random.ts as the host sees it: byte addresses into the wasm memory. */
export interface RandomExports {
  mt19937Bernoulli(out: number, state: number, taken: number, threshold: number, success: number, n: number): number;
  mt19937Discard(state: number, taken: number, n: number): number;
}

/** The wasm side takes an i32 count: longer skips go in pieces. */
const MAX_DISCARD = 2 ** 30;

/** The generator's bulk draws in wasm (the state is copied in and out: 2.5 KB a call). */
export function randomKernels(X: RandomExports, m: Marshal): RandomKernels {
  return {
    mt19937Bernoulli(out, state, taken, threshold, success, n) {
      m.begin();
      const next = X.mt19937Bernoulli(m.output(out, n), m.inout(state, STATE_SIZE), taken, threshold, Math.fround(success), n);
      m.end();
      return next;
    },
    mt19937Discard(state, taken, n) {
      m.begin();
      const s = m.inout(state, STATE_SIZE);
      for (let left = n; left > 0; left -= MAX_DISCARD) taken = X.mt19937Discard(s, taken, Math.min(left, MAX_DISCARD));
      m.end();
      return taken;
    },
  };
}
