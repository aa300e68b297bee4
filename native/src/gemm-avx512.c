// AVX-512F micro-kernel: 8 rows × 32 columns (two 16-wide vectors per row). 16 accumulators of
// the 32 zmm registers; per k 16 FMAs against 10 loads. On Zen 4 a zmm FMA takes both 256-bit
// pipes (the same flops as AVX2), but half the instructions; on Intel with two 512-bit FMA
// units it doubles them.
#include "gemm.h"
#include "simd.h"
#if MM_X86
#include <immintrin.h>

#define MR 8
#define NR 32

MM_TARGET_AVX512 static void avx512_8x32(int kc, int mr, const float* a, long ars, long aks, const float* b, float* c, long ldc, int load) {
  const float* ar[MR];
  for (int r = 0; r < MR; r++) ar[r] = a + (long)MM_MIN(r, mr - 1) * ars;
  __m512 acc[MR][2];
  for (int r = 0; r < MR; r++) {
    acc[r][0] = load ? _mm512_loadu_ps(c + r * ldc) : _mm512_setzero_ps();
    acc[r][1] = load ? _mm512_loadu_ps(c + r * ldc + 16) : _mm512_setzero_ps();
  }
  long off = 0;
  for (int k = 0; k < kc; k++) {
    const __m512 b0 = _mm512_load_ps(b);
    const __m512 b1 = _mm512_load_ps(b + 16);
    for (int r = 0; r < MR; r++) {
      const __m512 x = _mm512_set1_ps(ar[r][off]);
      acc[r][0] = _mm512_fmadd_ps(x, b0, acc[r][0]);
      acc[r][1] = _mm512_fmadd_ps(x, b1, acc[r][1]);
    }
    off += aks;
    b += NR;
  }
  for (int r = 0; r < MR; r++) {
    _mm512_storeu_ps(c + r * ldc, acc[r][0]);
    _mm512_storeu_ps(c + r * ldc + 16, acc[r][1]);
  }
}

const mm_micro mm_micro_avx512 = { "avx512", MR, NR, avx512_8x32 };
#endif
