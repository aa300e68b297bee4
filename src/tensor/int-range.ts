import type { DType, Storage } from "./dtype.js";

/**
 * Integer tensors are int32 (see dtype.ts), and a typed-array store wraps whatever does not fit
 * (3e9 becomes -1294967296, 2**53 becomes 0). Every path that turns numbers into an int32
 * tensor goes through here, so a value int32 cannot hold raises torch's overflow error instead.
 */
export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

/** Whether the int32 cast of v (truncation toward zero, as torch's) is v's own integer part. */
export const fitsInt32 = (v: number): boolean => Number.isFinite(v) && Math.trunc(v) >= INT32_MIN && Math.trunc(v) <= INT32_MAX;

/** A whole number int32 holds: without a dtype, tensor()/full()/arange() infer int32 for these. */
export const isInt32Value = (v: number): boolean => Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX;

export function overflowError(value: number, where: string): Error {
  return new Error(
    `${where}: value ${value} cannot be converted to int32 without overflow ` +
      `(int64/long are int32 here; without a dtype, whole numbers beyond int32 give float64, which holds every JS number exactly)`,
  );
}

export function checkInt32(value: number, where: string): void {
  if (!fitsInt32(value)) throw overflowError(value, where);
}

/** Throws on the first value an int32 cannot hold. */
export function checkInt32Values(values: ArrayLike<number>, where: string): void {
  for (let i = 0; i < values.length; i++) if (!fitsInt32(values[i])) throw overflowError(values[i], where);
}

/**
 * Writes numbers into fresh storage of `dtype`: int32 checked for overflow, bool as "nonzero"
 * (a Uint8Array store would make 0.5 and 256 false), floats as the typed array rounds them.
 */
export function storeValues(dst: Storage, dtype: DType, values: ArrayLike<number>, where: string): void {
  if (dtype === "int32") checkInt32Values(values, where);
  if (dtype === "bool") {
    for (let i = 0; i < values.length; i++) dst[i] = values[i] !== 0 ? 1 : 0;
    return;
  }
  if (ArrayBuffer.isView(values)) (dst as Float64Array).set(values as Float64Array);
  else for (let i = 0; i < values.length; i++) dst[i] = values[i];
}
