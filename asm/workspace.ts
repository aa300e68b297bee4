// Per-instance scratch for the kernels (GEMM packing buffers). The host reserves the region
// in the shared linear memory and hands it over with setWorkspace; each instance (one per
// thread) gets its own region, so kernels never allocate.
import { GEMM_KC, GEMM_NC, GEMM_MAX_MR } from "./gemm-config";

const PACKED_B_BYTES: usize = GEMM_KC * GEMM_NC * 4;
const PACKED_A_BYTES: usize = GEMM_MAX_MR * GEMM_KC * 4;
const TILE_BYTES: usize = GEMM_MAX_MR * 8 * 4;

let base: usize = 0;

/** Bytes the host must reserve (16-byte aligned) for one instance's workspace. */
export function workspaceBytes(): usize {
  return PACKED_B_BYTES + PACKED_A_BYTES + TILE_BYTES;
}

export function setWorkspace(ptr: usize): void {
  base = ptr;
}

// @ts-ignore: decorator
@inline export function packedB(): usize {
  return base;
}

// @ts-ignore: decorator
@inline export function packedA(): usize {
  return base + PACKED_B_BYTES;
}

// @ts-ignore: decorator
@inline export function edgeTile(): usize {
  return base + PACKED_B_BYTES + PACKED_A_BYTES;
}
