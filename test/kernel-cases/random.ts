import type { RandomKernels } from "../../src/backend/index.js";
import { MT19937, mt19937Temper } from "../../src/random/mt19937.js";
import type { Case, GroupCases } from "./inputs.js";

/** A real engine's 624 words after `draws` outputs (so the state is a twisted one). */
function stateAfter(seed: number, draws: number): Int32Array {
  const engine = new MT19937(seed);
  for (let i = 0; i < draws; i++) engine.nextUint32();
  return Int32Array.from(engine.getState().state);
}

export function randomCases(): GroupCases<RandomKernels> {
  const exact = { rtol: 0, atol: 0 };
  const mt19937Bernoulli: Case[] = [];
  let seed = 1;
  for (const taken of [624, 0, 1, 300, 621, 622, 623]) {
    for (const n of [0, 1, 2, 3, 4, 5, 7, 311, 312, 313, 1000, 5003]) {
      for (const p of [0, 0.1, 0.5, 0.9, 1]) {
        const state = stateAfter(seed++, 1 + (seed % 700));
        mt19937Bernoulli.push({ label: `taken=${taken} n=${n} p=${p}`, args: [new Float32Array(n), state, taken, p * 2 ** 53, 1 / (1 - 0.1), n], ...exact });
      }
    }
  }
  // thresholds on and next to a drawn value: ties of the high word are decided by the low one
  const state = stateAfter(7, 10);
  const high = (mt19937Temper(state[100]) & 0x1fffff) * 2 ** 32;
  const low = mt19937Temper(state[101]) >>> 0;
  for (const threshold of [high + low, high + low + 1, high + low + 0.5, high + low - 0.5, high, high + 2 ** 32, high - 1, 0, 2 ** 53])
    mt19937Bernoulli.push({ label: `threshold ${threshold} around ${high + low}`, args: [new Float32Array(9), state.slice(), 100, threshold, 2, 9], ...exact });
  const mt19937Discard: Case[] = [];
  for (const taken of [624, 0, 1, 623]) {
    for (const n of [0, 1, 2, 623, 624, 625, 1248, 10_001])
      mt19937Discard.push({ label: `taken=${taken} n=${n}`, args: [stateAfter(seed++, 5), taken, n], ...exact });
  }
  return { mt19937Bernoulli, mt19937Discard };
}
