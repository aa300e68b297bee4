/** The arrays kernels take: flat, contiguous row-major (a `subarray` view is fine). */
export type F32 = Float32Array;
export type I32 = Int32Array;
export type AnyArray = Float32Array | Float64Array | Int32Array | Uint8Array;
