/**
 * src/random against torch 1.13, bit for bit: the exact-arithmetic helpers. The goldens are
 * test/fixtures/torch/rng.json and notebook.json (see RNG_NOTES.md); float32 values survive
 * the trip through JSON doubles unchanged, so deepEqual on numbers compares bits.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, crCos, crLog, crSin, fmaF32, fmaF64, f32 } from "./helpers/torch-rng.js";

// ---- the exact-arithmetic helpers --------------------------------------------------------------

/** The exact value of a*b + c rounded to `bits` significant bits (half to even), via BigInt. */
function exactFma(a: number, b: number, c: number, bits: number): number {
  const SCALE = 1100; // every double is an integer multiple of 2^-1074; products of ours are far above
  const big = (x: number) => {
    let m = x;
    let e = 0;
    while (!Number.isInteger(m)) {
      m *= 2;
      e++;
    }
    return BigInt(m) << BigInt(SCALE - e);
  };
  const exact = ((big(a) * big(b)) >> BigInt(SCALE)) + big(c); // a*b's scale is exactly 2*SCALE
  if (exact === 0n) return 0;
  const negative = exact < 0n;
  let mag = negative ? -exact : exact;
  const length = mag.toString(2).length;
  let shift = 0;
  if (length > bits) {
    shift = length - bits;
    const kept = mag >> BigInt(shift);
    const rest = mag - (kept << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    mag = rest > half || (rest === half && (kept & 1n) === 1n) ? kept + 1n : kept;
  }
  const value = Number(mag) * 2 ** (shift - SCALE);
  return negative ? -value : value;
}

test("fmaF32 and fmaF64 are correctly rounded (random cases and double-rounding traps)", () => {
  const g = new Generator(123);
  const randomFloat = (bits: number) => {
    const sign = g.random() & 1 ? -1 : 1;
    const fraction = bits === 24 ? (g.random() & 0x7fffff) / 2 ** 23 : Math.floor(g.nextFloat64Uniform() * 2 ** 52) / 2 ** 52;
    const mantissa = 1 + fraction;
    return sign * mantissa * 2 ** ((g.random() % 40) - 20);
  };
  for (let i = 0; i < 3000; i++) {
    const [a, b, c] = [f32(randomFloat(24)), f32(randomFloat(24)), f32(randomFloat(24))];
    assert.equal(fmaF32(a, b, c), exactFma(a, b, c, 24), `fmaF32(${a}, ${b}, ${c})`);
    const [x, y, z] = [randomFloat(53), randomFloat(53), randomFloat(53)];
    assert.equal(fmaF64(x, y, z), exactFma(x, y, z, 53), `fmaF64(${x}, ${y}, ${z})`);
  }
  // a*b + c lands on a midpoint once rounded to double, while the exact value is just above it.
  const trapF32: [number, number, number] = [1 + 2 ** -23, -(1 - 2 ** -23), 2 ** 24 + 6];
  assert.equal(fmaF32(...trapF32), 2 ** 24 + 6);
  assert.notEqual(f32(trapF32[0] * trapF32[1] + trapF32[2]), 2 ** 24 + 6);
  const trapF64: [number, number, number] = [1 + 2 ** -52, -(1 - 2 ** -52), 2 ** 53 + 6];
  assert.equal(fmaF64(...trapF64), 2 ** 53 + 6);
  assert.notEqual(trapF64[0] * trapF64[1] + trapF64[2], 2 ** 53 + 6);
});

test("crLog/crSin/crCos: exact at known points and never more than an ulp from V8's", () => {
  assert.equal(crLog(1), 0);
  assert.equal(crLog(0), -Infinity);
  assert.ok(Number.isNaN(crLog(-1)));
  assert.equal(crLog(Math.E), 1);
  assert.equal(crLog(2), Math.LN2);
  assert.ok(Object.is(crSin(-0), -0));
  assert.equal(crCos(0), 1);
  // glibc (correctly rounded here): math.log(1 - 2**-53), math.sin(math.pi), math.cos(1.0)
  assert.equal(crLog(1 - 2 ** -53), -1.1102230246251565e-16);
  assert.equal(crSin(Math.PI), 1.2246467991473532e-16);
  assert.equal(crCos(1), 0.5403023058681398);
  const ulp = (x: number) => 2 ** (Math.floor(Math.log2(Math.abs(x))) - 52);
  const g = new Generator(5);
  for (let i = 0; i < 2000; i++) {
    const x = 1 - g.nextFloat64Uniform();
    assert.ok(Math.abs(crLog(x) - Math.log(x)) <= ulp(Math.log(x)), `log(${x})`);
    const t = 2 * Math.PI * g.nextFloat64Uniform();
    assert.ok(Math.abs(crSin(t) - Math.sin(t)) <= ulp(Math.sin(t)), `sin(${t})`);
    assert.ok(Math.abs(crCos(t) - Math.cos(t)) <= ulp(Math.cos(t)), `cos(${t})`);
  }
});
