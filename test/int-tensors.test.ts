import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";

// torch 1.13 answers (checked with /usr/bin/python3): tensor([3000000000]) is int64 and keeps
// its value; tensor([2**53]) is 9007199254740992; an int32 that cannot hold a value raises
// "value cannot be converted to type int32 without overflow" (tensor(), full(), fill_()).
const overflow = /cannot be converted to int32 without overflow/;

test("whole numbers outside int32 infer float64 and keep their value, never a wrap", () => {
  const big = mm.tensor([3e9]);
  assert.equal(big.dtype, "float64");
  assert.deepEqual(big.tolist(), [3000000000]);
  const huge = mm.tensor([2 ** 53, -(2 ** 53), 1]);
  assert.equal(huge.dtype, "float64");
  assert.deepEqual(huge.tolist(), [9007199254740992, -9007199254740992, 1]);
  assert.equal(
    mm.tensor([
      [1, 2],
      [3, 2 ** 31],
    ]).dtype,
    "float64",
    "one value out of range lifts the whole tensor",
  );
  assert.deepEqual(mm.tensor([-(2 ** 31), 2 ** 31 - 1]).tolist(), [-2147483648, 2147483647]);
  assert.equal(mm.tensor([-(2 ** 31), 2 ** 31 - 1]).dtype, "int32", "int32's own range stays int32");
});

test("an explicit int32 (or int64/long, which map to it) refuses values it cannot hold", () => {
  assert.throws(() => mm.tensor([1, 3e9], { dtype: "int32" }), overflow);
  assert.throws(() => mm.tensor([2 ** 53], { dtype: "long" }), overflow);
  assert.throws(() => mm.tensor([NaN], { dtype: "int32" }), overflow);
  assert.throws(() => mm.tensor([-Infinity], { dtype: "int64" }), overflow);
  assert.deepEqual(mm.tensor([1.7, -1.7, 2147483647.5], { dtype: "int32" }).tolist(), [1, -1, 2147483647], "truncation toward zero, as torch");
  assert.throws(() => mm.tensor(new Float64Array([3e9]), { dtype: "int32" }), overflow);
  assert.throws(() => mm.tensor(new Float32Array([-3e9]), { dtype: "int32" }), overflow);
  assert.deepEqual(mm.tensor(new Float64Array([2.5, -7]), { dtype: "int32" }).tolist(), [2, -7]);
});

test("full, arange and fill_ never wrap", () => {
  const f = mm.full([2], 3e9);
  assert.equal(f.dtype, "float64");
  assert.deepEqual(f.tolist(), [3e9, 3e9]);
  assert.throws(() => mm.full([2], 3e9, { dtype: "int32" }), overflow);
  const a = mm.arange(2 ** 31, 2 ** 31 + 2);
  assert.equal(a.dtype, "float64");
  assert.deepEqual(a.tolist(), [2147483648, 2147483649]);
  assert.throws(() => mm.arange(2 ** 31 - 1, 2 ** 31 + 1, 1, { dtype: "int32" }), overflow);
  assert.equal(mm.arange(5).dtype, "int32");
  assert.throws(() => mm.zeros([2], { dtype: "int32" }).fill_(3e9), overflow);
});

test(".long()/.int() of a float tensor refuse values outside int32 instead of wrapping", () => {
  assert.throws(() => mm.tensor([1.5, 3e9]).long(), overflow);
  assert.throws(() => mm.tensor([NaN]).int(), overflow);
  assert.deepEqual(mm.tensor([2.9, -2.9]).long().tolist(), [2, -2]);
  assert.deepEqual(mm.tensor([3e9]).to("float32").tolist(), [3e9], "float casts are not range-checked");
});

test("comparing an int32 tensor with a number it cannot hold compares the values, as torch does", () => {
  const x = mm.tensor([-1294967296, 1]);
  assert.deepEqual(x.eq(3e9).tolist(), [false, false], "3e9 would wrap to -1294967296");
  assert.deepEqual(x.lt(3e9).tolist(), [true, true]);
});

test("bool tensors store 'nonzero', whatever the value", () => {
  assert.deepEqual(mm.tensor([0.5, 0, 256, NaN], { dtype: "bool" }).tolist(), [true, false, true, true]);
  assert.deepEqual(mm.full([1], 256, { dtype: "bool" }).tolist(), [true]);
});

test("maskedFill of an int32 tensor with a value it cannot hold raises, as torch's masked_fill", () => {
  const x = mm.tensor([1, 2]);
  assert.throws(() => x.maskedFill(mm.tensor([true, false]), 3e9), overflow);
  assert.deepEqual(x.maskedFill(mm.tensor([true, false]), -7).tolist(), [-7, 2]);
});
