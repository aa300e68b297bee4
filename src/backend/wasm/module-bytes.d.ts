// Declarations for module-bytes.js, which scripts/build-wasm.mjs generates straight into
// dist/src/backend/wasm/ (it is not committed): the two builds of asm/ as base64 strings.

/** asm/ compiled with SIMD + relaxed SIMD (FMA GEMM tiles). */
export const relaxedWasmBase64: string;
/** asm/ compiled with plain SIMD only. */
export const simdWasmBase64: string;
