// Portable micro-kernel: 4 rows × 8 columns of plain C, which compilers vectorize for the
// baseline ISA (SSE2 on x86-64). Used where no wider kernel applies; correct everywhere.
#include "gemm.h"
#include "simd.h"

#define MR 4
#define NR 8

static void generic_4x8(int kc, int mr, const float* a, long ars, long aks, const float* b, float* c, long ldc, int load) {
  const float* ar[MR];
  for (int r = 0; r < MR; r++) ar[r] = a + (long)MM_MIN(r, mr - 1) * ars;
  float acc[MR][NR];
  for (int r = 0; r < MR; r++)
    for (int j = 0; j < NR; j++) acc[r][j] = load ? c[r * ldc + j] : 0.0f;
  long off = 0;
  for (int k = 0; k < kc; k++) {
    for (int r = 0; r < MR; r++) {
      const float x = ar[r][off];
      for (int j = 0; j < NR; j++) acc[r][j] += x * b[j];
    }
    off += aks;
    b += NR;
  }
  for (int r = 0; r < MR; r++)
    for (int j = 0; j < NR; j++) c[r * ldc + j] = acc[r][j];
}

const mm_micro mm_micro_generic = { "generic", MR, NR, generic_4x8 };
