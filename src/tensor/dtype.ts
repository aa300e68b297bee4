/** Element types. Integer tensors are 32-bit: makemore's indices never need more, and the
 * kernels index with them directly. `int64`/`long` are accepted as aliases when creating. */
export type DType = "float32" | "float64" | "int32" | "bool";
export type DTypeLike = DType | "int64" | "long" | "float" | "double" | "int";

export type Storage = Float32Array | Float64Array | Int32Array | Uint8Array;

export function normalizeDType(d: DTypeLike): DType {
  switch (d) {
    case "float32":
    case "float":
      return "float32";
    case "float64":
    case "double":
      return "float64";
    case "int32":
    case "int64":
    case "long":
    case "int":
      return "int32";
    case "bool":
      return "bool";
    default:
      throw new Error(`unknown dtype '${String(d)}' (expected float32, float64, int32/int64 or bool)`);
  }
}

export function dtypeOfStorage(s: Storage): DType {
  if (s instanceof Float32Array) return "float32";
  if (s instanceof Float64Array) return "float64";
  if (s instanceof Int32Array) return "int32";
  return "bool";
}

export const isFloating = (d: DType): boolean => d === "float32" || d === "float64";

/** PyTorch's promotion for two tensor operands: bool < int < float32 < float64. */
export function promoteTypes(a: DType, b: DType): DType {
  const rank = (d: DType) => (d === "bool" ? 0 : d === "int32" ? 1 : d === "float32" ? 2 : 3);
  return rank(a) >= rank(b) ? a : b;
}

/**
 * The dtype of `x op scalar`: a float scalar lifts integer tensors to float32, as in PyTorch. A
 * whole number beyond int32 lifts them to float64 (it would wrap in int32, and torch's int64,
 * which our int32 stands for, holds it; float64 holds it exactly, see tensor()).
 */
export function promoteWithScalar(d: DType, scalar: number): DType {
  if (isFloating(d)) return d;
  if (!Number.isInteger(scalar)) return "float32";
  if (scalar < -2147483648 || scalar > 2147483647) return "float64";
  return d === "bool" ? "int32" : d;
}

/** The dtype a floating-only op (exp, log, mean, ...) computes in. */
export const floatTypeOf = (d: DType): DType => (d === "float64" ? "float64" : "float32");

export function torchName(d: DType): string {
  return d === "int32" ? "torch.int32" : `torch.${d}`;
}

/** Bytes per element of each dtype's storage (bool is one byte, as torch stores it). */
export const BYTES_PER_ELEMENT: Readonly<Record<DType, number>> = { float32: 4, float64: 8, int32: 4, bool: 1 };

/** A dtype's typed-array view of `n` elements at `byteOffset` into `buffer` (an allocator's space). */
export function storageView(buffer: ArrayBufferLike, dtype: DType, byteOffset: number, n: number): Storage {
  switch (dtype) {
    case "float32":
      return new Float32Array(buffer, byteOffset, n);
    case "float64":
      return new Float64Array(buffer, byteOffset, n);
    case "int32":
      return new Int32Array(buffer, byteOffset, n);
    case "bool":
      return new Uint8Array(buffer, byteOffset, n);
  }
}
