// GEMM blocking: a KC×NC block of B is packed into 8-wide panels (256 KiB, fits the 512 KiB L2);
// a micro-tile of up to GEMM_MAX_MR rows of A streams against it (KC = NC = 256, from
// src/backend/KERNELS.md).
export const GEMM_KC: i32 = 256;
export const GEMM_NC: i32 = 256;
export const GEMM_MAX_MR: i32 = 6;
