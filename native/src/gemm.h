// The GEMM's register-tiled micro-kernels, one set per instruction set. A micro-kernel computes an
// MR × NR tile of C from kc steps: row r of A is read in place at a + r·ars + k·aks (rows past
// mr repeat row mr-1; those results are discarded by the caller), B is a packed, zero-padded panel
// of kc rows × NR floats. load = 1: C += A·B; load = 0: C = A·B. C rows are ldc floats apart.
#ifndef MAKEMORE_GEMM_H
#define MAKEMORE_GEMM_H

typedef void (*mm_micro_fn)(int kc, int mr, const float* a, long ars, long aks, const float* b, float* c, long ldc, int load);

typedef struct {
  const char* isa;
  int MR, NR;
  mm_micro_fn kernel;
} mm_micro;

// B is packed GEMM_KC rows × GEMM_NC columns at a time (256 KiB: stays in L2 while every row
// block of A streams against it); the largest NR of any micro-kernel bounds the edge tiles.
#define GEMM_KC 256
#define GEMM_NC 256
#define GEMM_MAX_MR 8
#define GEMM_MAX_NR 32

extern const mm_micro mm_micro_generic;
#if defined(__x86_64__) || defined(_M_X64)
extern const mm_micro mm_micro_avx2;
extern const mm_micro mm_micro_avx512;
#endif
#if defined(__aarch64__)
extern const mm_micro mm_micro_neon;
#endif

// cpu.c: the micro-kernel in use
const mm_micro* mm_gemm_micro(void);

#endif
