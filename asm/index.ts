// Entry point of the kernel module: every export is a kernel or a host hook. Pointers are byte
// offsets into the imported linear memory; pointer 0 stands for a null array (the host keeps
// the first bytes of memory for the module's static area, so no array ever lives there).
// One file per kernel group, named as in src/backend/kernels/, js/ and wasm/; everything a group
// file exports is a kernel.
export * from "./elementwise";
export * from "./matmul";
export * from "./rows";
export * from "./columns";
export * from "./attention";
export * from "./lookups";
export * from "./recurrent";
export * from "./optim";
export * from "./random";

// host hooks: the per-instance workspace and the GEMM tile policy
export { workspaceBytes, setWorkspace } from "./workspace";
export { setGemmTiles, resetGemmTiles } from "./gemm";

/** First byte the host may use: below it lies the module's own static area. */
export function heapBase(): usize {
  return __heap_base;
}
