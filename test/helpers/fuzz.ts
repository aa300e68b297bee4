import assert from "node:assert/strict";
import { appendFileSync } from "node:fs";
import fc from "fast-check";

/**
 * Runs a fast-check property as a test. In `npm test` each property runs `ciRuns` cases (a
 * second or less); `npm run fuzz` (scripts/fuzz.mjs) sets FUZZ_MS_PER_PROPERTY to run each for
 * that long instead, and FUZZ_REPORT to collect the case counts. FUZZ_RUNS overrides the count,
 * FUZZ_SEED replays a reported failure.
 */
export async function fuzzProperty<T>(name: string, property: fc.IProperty<T> | fc.IAsyncProperty<T>, ciRuns: number): Promise<void> {
  const ms = Number(process.env.FUZZ_MS_PER_PROPERTY ?? 0);
  const runs = Number(process.env.FUZZ_RUNS ?? 0) || (ms ? Number.MAX_SAFE_INTEGER : ciRuns);
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
  const params: fc.Parameters<T> = { numRuns: runs, seed, plugins: ms ? [fc.interruptAfterTimeLimit(ms)] : [] };
  const details = await fc.check(property as fc.IRawProperty<T>, params);
  if (process.env.FUZZ_REPORT)
    appendFileSync(process.env.FUZZ_REPORT, JSON.stringify({ name, cases: details.numRuns, failed: details.failed, seed: details.seed }) + "\n");
  if (details.failed) assert.fail(`${name}: ${fc.defaultReportMessage(details) ?? "failed"}`);
}

/**
 * What every rejection must be: a plain Error (not a TypeError or RangeError from inside the
 * engine) with one line of message, optionally matching `pattern`.
 */
export function assertCleanError(e: unknown, pattern?: RegExp): void {
  if (!(e instanceof Error) || e.constructor !== Error)
    throw new Error(`not a plain Error: ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`);
  if (e.message.length === 0 || e.message.includes("\n")) throw new Error(`not one line: ${JSON.stringify(e.message)}`);
  if (pattern && !pattern.test(e.message)) throw new Error(`message ${JSON.stringify(e.message)} does not match ${pattern}`);
}

/** The value of fn(), or the clean error it threw (anything else fails the property). */
export function outcome<R>(fn: () => R, pattern?: RegExp): { ok: true; value: R } | { ok: false; error: Error } {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    assertCleanError(e, pattern);
    return { ok: false, error: e as Error };
  }
}
