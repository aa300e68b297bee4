// Shared by the test/random-*.test.ts files: the torch 1.13 goldens and torch-like wrappers over src/random.
import { createHash } from "node:crypto";
import { fixture } from "./fixtures.js";
import { type Generator, multinomialRows, normalFill, randintFill, randpermFill, uniformFill } from "../../src/random/index.js";

// the tests import src/random through here too, beside the goldens and wrappers
export * from "../../src/random/index.js";

export const R = fixture("torch/rng.json");
export const NB = fixture("torch/notebook.json");
export const SEEDS = Object.keys(R.seeds);
export const f32 = Math.fround;

// ---- torch-like wrappers returning plain arrays --------------------------------------------

export const rand = (g: Generator, n: number) => floats32(n, (a) => uniformFill(g, a));
export const randF64 = (g: Generator, n: number) => floats64(n, (a) => uniformFill(g, a));
export const randn = (g: Generator, n: number) => floats32(n, (a) => normalFill(g, a));
export const randnF64 = (g: Generator, n: number) => floats64(n, (a) => normalFill(g, a));
/** `torch.rand(1).item()`: how the goldens pin the stream position after an op. */
export const randAfter = (g: Generator) => rand(g, 1)[0];

export function floats32(n: number, fill: (a: Float32Array) => void): number[] {
  const a = new Float32Array(n);
  fill(a);
  return Array.from(a);
}

export function floats64(n: number, fill: (a: Float64Array) => void): number[] {
  const a = new Float64Array(n);
  fill(a);
  return Array.from(a);
}

export function randint(g: Generator, low: number, high: number, n: number): number[] {
  const a = new Int32Array(n);
  randintFill(g, a, low, high);
  return Array.from(a);
}

export function randperm(g: Generator, n: number): number[] {
  const a = new Int32Array(n);
  randpermFill(g, a);
  return Array.from(a);
}

/** `torch.multinomial` on a 1-D (number[]) or 2-D (number[][]) input, returning torch's nesting. */
export function multinomial(g: Generator, p: number[] | number[][], n: number, replacement = false, torch113 = false) {
  const rows = Array.isArray(p[0]) ? (p as number[][]) : [p as number[]];
  const cols = rows[0].length;
  const out = Array.from(multinomialRows(g, Float32Array.from(rows.flat()), rows.length, cols, n, replacement, { torch113 }));
  const perRow = rows.map((_, r) => out.slice(r * n, (r + 1) * n));
  return Array.isArray(p[0]) ? perRow : perRow[0];
}

export const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
export const sha256F32 = (values: number[]) => sha256(new Uint8Array(Float32Array.from(values).buffer)); // host is little-endian

/** Python's math.fsum: the correctly rounded sum (Shewchuk's exact partials). */
export function fsum(values: number[]): number {
  const partials: number[] = [];
  for (let x of values) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}
