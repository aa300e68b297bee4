// One run of a sweep as the session sees it: its flags checked by the session's own validation,
// its size checked against a limit, and its content address (what its stored state is keyed by).
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { resolveLoopConfig, resolveRunConfig } from "../train/session-setup.js";
import type { SessionOptions } from "../train/session-types.js";
import { sessionOptionsOf } from "./grid-flags.js";
import type { RunFlags } from "./grid.js";
import { parameterCount } from "./param-count.js";

/** Nobody reads a sweep run's samples; drawing none saves time and changes no number (their stream is separate). */
const SWEEP_LOOP = { numSamples: 0 } as const;

/** The session options of a run's flags, validated as the training CLI validates its flags. */
export function runOptionsOf(flags: RunFlags, where = "in the grid"): SessionOptions {
  const options: SessionOptions = { ...sessionOptionsOf(flags, where), ...SWEEP_LOOP };
  resolveRunConfig(options, "flag");
  const loop = resolveLoopConfig(options, "flag");
  if (loop.maxSteps === 0) throw new Error("--max-steps must be at least 1 in a sweep (a run of 0 steps has no model to test)");
  if (loop.maxSteps < 0 && loop.maxTime === 0)
    throw new Error("a sweep run needs a budget: pass --max-steps N or --max-time SECONDS (or put max-steps or max-time in the grid)");
  return options;
}

/** The run's parameter count for words of this shape; refuses one over `maxParams`. */
export function checkRunSize(options: SessionOptions, shape: { vocabSize: number; blockSize: number }, maxParams: number): number {
  const r = resolveRunConfig(options, "flag");
  const count = parameterCount({ ...r, ...shape });
  if (count > maxParams)
    throw new Error(
      `the ${r.type} config has ${count.toLocaleString("en-US")} parameters, over the limit of ${maxParams.toLocaleString("en-US")} (--max-params)`,
    );
  return count;
}

/**
 * The identity of a run: the words and every setting its numbers depend on. Equal keys train
 * the same weights bit for bit (one worker thread), so a stored state under this key is a valid
 * point to resume from, whichever sweep or job asked.
 */
export function runKeyOf(wordsSha256: string, options: SessionOptions): string {
  const run = resolveRunConfig(options, "flag");
  const { maxSteps, maxTime, evalEvery } = resolveLoopConfig(options, "flag");
  const identity = JSON.stringify({ words: wordsSha256, run, maxSteps, maxTime, evalEvery });
  return bytesToHex(sha256(new TextEncoder().encode(identity)));
}

/** A directory- and job-id-safe label of a run: its index, then the values that vary across the sweep. */
export function runIdOf(index: number, total: number, flags: RunFlags, varying: readonly string[]): string {
  const width = Math.max(3, String(total - 1).length);
  const values = varying.map((f) => String(flags[f]).replace(/[^A-Za-z0-9.+-]/g, "_"));
  return [String(index).padStart(width, "0"), ...values].join("-");
}
