import { InvalidArgumentError } from "commander";

/** Prints a one-line error (no stack trace unless MAKEMORE_DEBUG is set) and sets a failing exit code. */
export function reportError(e: unknown): void {
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`makemore: ${msg.split("\n")[0]}\n`);
  if (process.env.MAKEMORE_DEBUG && e instanceof Error && e.stack) process.stderr.write(e.stack + "\n");
  process.exitCode = 1;
}

/** Wraps a command action so that any error becomes one line on stderr and exit code 1. */
export function action<A extends unknown[]>(fn: (...args: A) => unknown | Promise<unknown>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      reportError(e);
    }
  };
}

/** Option parsers that reject absurd values with a clear message (commander prints it and exits 1). */
export function intArg(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`${name} must be an integer, got '${value}'.`);
    if (n < min || n > max) throw new InvalidArgumentError(`${name} must be between ${min} and ${max}, got ${n}.`);
    return n;
  };
}

export function floatArg(name: string, min: number, max = Infinity, opts: { exclusiveMin?: boolean } = {}) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) throw new InvalidArgumentError(`${name} must be a number, got '${value}'.`);
    if (opts.exclusiveMin ? n <= min : n < min)
      throw new InvalidArgumentError(`${name} must be ${opts.exclusiveMin ? "greater than" : "at least"} ${min}, got ${n}.`);
    if (n > max) throw new InvalidArgumentError(`${name} must be at most ${max}, got ${n}.`);
    return n;
  };
}
