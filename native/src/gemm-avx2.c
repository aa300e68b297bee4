// AVX2 + FMA micro-kernel: 6 rows × 16 columns (two 8-wide vectors per row). 12 accumulators,
// 2 B vectors and 1 broadcast fill 15 of the 16 ymm registers; per k it issues 12 FMAs against
// 8 loads, so it is FMA-bound (2 per cycle on Zen 3/4 and Intel since Haswell).
#include "gemm.h"
#include "simd.h"
#if MM_X86
#include <immintrin.h>

#define MR 6
#define NR 16

MM_TARGET_AVX2 static void avx2_6x16(int kc, int mr, const float* a, long ars, long aks, const float* b, float* c, long ldc, int load) {
  const float* ar[MR];
  for (int r = 0; r < MR; r++) ar[r] = a + (long)MM_MIN(r, mr - 1) * ars;
  __m256 acc[MR][2];
  for (int r = 0; r < MR; r++) {
    acc[r][0] = load ? _mm256_loadu_ps(c + r * ldc) : _mm256_setzero_ps();
    acc[r][1] = load ? _mm256_loadu_ps(c + r * ldc + 8) : _mm256_setzero_ps();
  }
  long off = 0;
  for (int k = 0; k < kc; k++) {
    const __m256 b0 = _mm256_load_ps(b);
    const __m256 b1 = _mm256_load_ps(b + 8);
    for (int r = 0; r < MR; r++) {
      const __m256 x = _mm256_broadcast_ss(ar[r] + off);
      acc[r][0] = _mm256_fmadd_ps(x, b0, acc[r][0]);
      acc[r][1] = _mm256_fmadd_ps(x, b1, acc[r][1]);
    }
    off += aks;
    b += NR;
  }
  for (int r = 0; r < MR; r++) {
    _mm256_storeu_ps(c + r * ldc, acc[r][0]);
    _mm256_storeu_ps(c + r * ldc + 8, acc[r][1]);
  }
}

const mm_micro mm_micro_avx2 = { "avx2", MR, NR, avx2_6x16 };
#endif
