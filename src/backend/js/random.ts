import type { F32, I32 } from "../kernels/index.js";
import { MT19937_STATE_SIZE as STATE_SIZE, mt19937Temper, mt19937Twist } from "../../random/mt19937.js";

export function mt19937Bernoulli(out: F32, state: I32, taken: number, threshold: number, success: number, n: number): number {
  let i = 0;
  while (i < n) {
    if (taken === STATE_SIZE) (mt19937Twist(state), (taken = 0));
    if (taken === STATE_SIZE - 1) {
      // an element whose two words straddle a regeneration
      const high = mt19937Temper(state[taken]) & 0x1fffff;
      mt19937Twist(state);
      out[i++] = high * 4294967296 + (mt19937Temper(state[0]) >>> 0) < threshold ? success : 0;
      taken = 1;
      continue;
    }
    // both sides are exact doubles (below 2^53 + 1), so this is the integer comparison
    for (const end = i + Math.min(n - i, (STATE_SIZE - taken) >> 1); i < end; i++, taken += 2)
      out[i] = (mt19937Temper(state[taken]) & 0x1fffff) * 4294967296 + (mt19937Temper(state[taken + 1]) >>> 0) < threshold ? success : 0;
  }
  return taken;
}

export { mt19937DiscardRaw as mt19937Discard } from "../../random/mt19937.js";
