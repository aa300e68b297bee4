import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture } from "./helpers/fixtures.js";
import { bfloat16BitsToFloat, decodeHalf, encodeHalf, floatToBFloat16Bits, floatToHalfBits, halfBitsToFloat } from "../src/tensor/half.js";
import { dequantizeRows, quantizeRows, roundHalfEven } from "../src/io/quantize.js";
import { kernels } from "../src/backend/index.js";
import { forEachBackend, useBackend } from "./helpers/backends.js";

const golden = fixture<{ bits: number[]; half: number[]; bfloat16: number[]; int8: { shape: [number, number]; w: number[]; q: number[]; scale: number[] } }>(
  "half/half.json",
);
const floatsOf = (bits: number[]): Float32Array => new Float32Array(Uint32Array.from(bits).buffer);
const hex = (v: number, n: number) => "0x" + v.toString(16).padStart(n, "0");

test("float32 → fp16 rounds as torch's .half(), bit for bit (subnormals, overflow, ties, NaN)", () => {
  const xs = floatsOf(golden.bits);
  let mismatches = 0;
  for (let i = 0; i < xs.length; i++) {
    const got = floatToHalfBits(xs[i]);
    if (got !== golden.half[i]) {
      mismatches++;
      if (mismatches < 5) assert.fail(`x = ${xs[i]} (${hex(golden.bits[i], 8)}): got ${hex(got, 4)}, torch ${hex(golden.half[i], 4)}`);
    }
  }
  assert.equal(mismatches, 0);
  assert.deepEqual(Array.from(encodeHalf("float16", xs)), golden.half);
});

test("float32 → bfloat16 rounds as torch's .bfloat16(), bit for bit", () => {
  const xs = floatsOf(golden.bits);
  for (let i = 0; i < xs.length; i++) assert.equal(floatToBFloat16Bits(xs[i]), golden.bfloat16[i], `x = ${xs[i]} (${hex(golden.bits[i], 8)})`);
  assert.deepEqual(Array.from(encodeHalf("bfloat16", xs)), golden.bfloat16);
});

test("the goldens cover the cases that matter", () => {
  const xs = floatsOf(golden.bits);
  const h = golden.half;
  assert.ok(
    h.some((b, i) => b === 0x7c00 && Number.isFinite(xs[i])),
    "a finite value overflowing to +inf",
  );
  assert.ok(
    h.some((b, i) => (b & 0x7fff) === 0 && xs[i] !== 0),
    "a nonzero value rounding to zero",
  );
  assert.ok(
    h.some((b) => (b & 0x7c00) === 0 && (b & 0x3ff) !== 0),
    "an fp16 subnormal",
  );
  assert.ok(h.some((b, i) => Number.isNaN(xs[i]) && b === 0x7e00) && golden.bfloat16.some((b) => b === 0xffff), "NaN");
});

test("16-bit patterns widen back exactly, and every float16/bfloat16 value round-trips", () => {
  for (let b = 0; b < 0x10000; b++) {
    const f = halfBitsToFloat(b);
    if (Number.isNaN(f)) assert.ok((b & 0x7c00) === 0x7c00 && (b & 0x3ff) !== 0);
    else assert.equal(floatToHalfBits(f), b, hex(b, 4));
    const g = bfloat16BitsToFloat(b);
    if (!Number.isNaN(g)) assert.equal(floatToBFloat16Bits(g), b, hex(b, 4));
  }
  assert.deepEqual(Array.from(decodeHalf("float16", Uint16Array.of(0x3c00, 0x0001, 0xfbff))), [1, 2 ** -24, -65504]);
  assert.deepEqual(Array.from(decodeHalf("bfloat16", Uint16Array.of(0x3f80, 0xc000))), [1, -2]);
});

test("int8 per-row quantization matches torch (scale = amax/127, round half to even)", () => {
  const {
    shape: [rows, cols],
    w,
    q,
    scale,
  } = golden.int8;
  const got = quantizeRows(floatsOf(w), rows, cols);
  assert.deepEqual(Array.from(got.q), q);
  assert.deepEqual(Array.from(new Uint32Array(got.scale.buffer)), scale);
  const back = dequantizeRows(got.q, got.scale, rows, cols);
  const orig = floatsOf(w);
  for (let i = 0; i < back.length; i++) assert.ok(Math.abs(back[i] - orig[i]) <= got.scale[Math.floor(i / cols)] / 2 + 1e-12);
  assert.deepEqual([0.5, 1.5, 2.5, -0.5, -2.5, 3.2].map(roundHalfEven), [0, 2, 2, -0, -2, 3]);
});

// The packHalf / unpackHalf kernels 16-bit activation storage runs on, on every backend: torch's
// goldens bit for bit, and every one of the 65536 patterns widened as halfBitsToFloat /
// bfloat16BitsToFloat give it (float bits compared, so -0 counts; NaN as any NaN).
forEachBackend((backend) => {
  test(`${backend}: packHalf rounds as torch, and unpackHalf widens every pattern exactly`, () => {
    useBackend(backend);
    const xs = floatsOf(golden.bits);
    for (const bfloat16 of [false, true]) {
      const words = new Int32Array(Math.ceil(xs.length / 2));
      kernels.packHalf(words, xs, xs.length, bfloat16);
      assert.deepEqual(Array.from(new Uint16Array(words.buffer, 0, xs.length)), bfloat16 ? golden.bfloat16 : golden.half);
      const all = new Int32Array(new Uint16Array(65536).map((_, i) => i).buffer);
      const wide = new Float32Array(65536);
      kernels.unpackHalf(wide, all, 65536, bfloat16);
      const bits = new Uint32Array(wide.buffer);
      for (let h = 0; h < 65536; h++) {
        const want = bfloat16 ? bfloat16BitsToFloat(h) : halfBitsToFloat(h);
        if (Number.isNaN(want)) assert.ok(Number.isNaN(wide[h]), hex(h, 4));
        else assert.equal(bits[h], new Uint32Array(Float32Array.of(want).buffer)[0], hex(h, 4));
      }
    }
  });
});
