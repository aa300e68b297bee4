// NEON micro-kernel for arm64: 6 rows × 16 columns (four 4-wide vectors per row). 24 accumulators,
// 4 B vectors and the A scalars fit the 32 q registers; vfmaq_n_f32 multiplies by a scalar lane.
#include "gemm.h"
#include "simd.h"
#if MM_NEON
#include <arm_neon.h>

#define MR 6
#define NR 16

static void neon_6x16(int kc, int mr, const float* a, long ars, long aks, const float* b, float* c, long ldc, int load) {
  const float* ar[MR];
  for (int r = 0; r < MR; r++) ar[r] = a + (long)MM_MIN(r, mr - 1) * ars;
  float32x4_t acc[MR][4];
  for (int r = 0; r < MR; r++)
    for (int q = 0; q < 4; q++) acc[r][q] = load ? vld1q_f32(c + r * ldc + 4 * q) : vdupq_n_f32(0.0f);
  long off = 0;
  for (int k = 0; k < kc; k++) {
    const float32x4_t b0 = vld1q_f32(b), b1 = vld1q_f32(b + 4), b2 = vld1q_f32(b + 8), b3 = vld1q_f32(b + 12);
    for (int r = 0; r < MR; r++) {
      const float x = ar[r][off];
      acc[r][0] = vfmaq_n_f32(acc[r][0], b0, x);
      acc[r][1] = vfmaq_n_f32(acc[r][1], b1, x);
      acc[r][2] = vfmaq_n_f32(acc[r][2], b2, x);
      acc[r][3] = vfmaq_n_f32(acc[r][3], b3, x);
    }
    off += aks;
    b += NR;
  }
  for (int r = 0; r < MR; r++)
    for (int q = 0; q < 4; q++) vst1q_f32(c + r * ldc + 4 * q, acc[r][q]);
}

const mm_micro mm_micro_neon = { "neon", MR, NR, neon_6x16 };
#endif
