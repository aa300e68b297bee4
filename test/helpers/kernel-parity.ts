/** Runs kernel parity cases (test/kernel-cases/) on a kernel table against the JS twins. */
import assert from "node:assert/strict";
import { jsKernels, type Kernels, type KernelName } from "../../src/backend/index.js";
import type * as mm from "makemore";
import { assertClose } from "./close.js";
import type { Arg, Case } from "../kernel-cases/index.js";

/** Where a case's arrays are placed before the call: copies on the JS heap, or in an arena. */
export type Place = (a: Float32Array | Int32Array) => Float32Array | Int32Array;

export const onHeap: Place = (a) => a.slice();

export function inArena(arena: mm.Allocator): Place {
  return (a) => {
    const v = arena.alloc(a instanceof Float32Array ? "float32" : "int32", a.length) as Float32Array | Int32Array;
    v.set(a as never);
    return v;
  };
}

function materialize(args: Arg[], place: Place): Arg[] {
  return args.map((a) => (a instanceof Float32Array || a instanceof Int32Array ? place(a) : a));
}

function call(k: Kernels, name: KernelName, args: Arg[]): { value: unknown; error: string | null } {
  try {
    return { value: (k[name] as (...a: Arg[]) => unknown)(...args), error: null };
  } catch (e) {
    return { value: undefined, error: (e as Error).message };
  }
}

/** Runs a case on the JS table and on `table`, and compares return values and every array argument. */
export function checkCase(table: Kernels, name: KernelName, c: Case, place: Place): void {
  const jsArgs = materialize(c.args, onHeap);
  const args = materialize(c.args, place);
  const want = call(jsKernels, name, jsArgs);
  const got = call(table, name, args);
  assert.equal(got.error, want.error, `${name} ${c.label}: error`);
  if (want.error) return;
  assert.equal(got.value, want.value, `${name} ${c.label}: return value`);
  jsArgs.forEach((a, i) => {
    if (a instanceof Float32Array || a instanceof Int32Array) {
      assertClose(args[i] as ArrayLike<number>, a, `${name} ${c.label} arg ${i}`, c.rtol ?? 1e-5, c.atol ?? 1e-6);
    }
  });
}
