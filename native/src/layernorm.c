// nn.LayerNorm over the last dim of (rows, C), forward and backward, with the semantics of
// src/backend/js/rows.ts (biased variance; mean and rstd saved for the backward).
#include <math.h>
#include "kernels.h"
#include "simd.h"
#include "vmath.h"

MM_CLONES void mm_layernorm(float* out, float* mean, float* rstd, const float* inp, const float* weight, const float* bias, int rows, int C, float eps) {
  const float invC = 1.0f / (float)C;
  for (int r = 0; r < rows; r++) {
    const float* x = inp + (long)r * C;
    float* y = out + (long)r * C;
    const float m = mm_sum(x, C) * invC;
    // Σ (x - m)² in 8 lanes: the centred values go through y first (it is overwritten below)
    for (int j = 0; j < C; j++) y[j] = x[j] - m;
    const float v = mm_dot(y, y, C) * invC;
    const float s = 1.0f / sqrtf(v + eps);
    for (int j = 0; j < C; j++) {
      const float xhat = y[j] * s;
      y[j] = xhat * (weight ? weight[j] : 1.0f) + (bias ? bias[j] : 0.0f);
    }
    mean[r] = m;
    rstd[r] = s;
  }
}

// With xhat = (x - mean)·rstd and g = dout·weight:
//   dx = rstd·(g - mean(g) - xhat·mean(g·xhat));  dweight += dout·xhat;  dbias += dout
// xhat and g are recomputed in each pass rather than stored (C is small; the row stays in L1).
MM_CLONES void mm_layernorm_backward(float* dinp, float* dweight, float* dbias, const float* dout, const float* inp, const float* weight,
                                     const float* mean, const float* rstd, int rows, int C) {
  const float invC = 1.0f / (float)C;
  for (int r = 0; r < rows; r++) {
    const float* x = inp + (long)r * C;
    const float* dy = dout + (long)r * C;
    const float m = mean[r], s = rstd[r];
    if (dweight)
      for (int j = 0; j < C; j++) dweight[j] += dy[j] * ((x[j] - m) * s);
    if (dbias)
      for (int j = 0; j < C; j++) dbias[j] += dy[j];
    if (!dinp) continue;
    float* dx = dinp + (long)r * C;
    float gAcc[8] = { 0, 0, 0, 0, 0, 0, 0, 0 }, gxAcc[8] = { 0, 0, 0, 0, 0, 0, 0, 0 };
    int j = 0;
    for (; j + 8 <= C; j += 8)
      for (int l = 0; l < 8; l++) {
        const float g = dy[j + l] * (weight ? weight[j + l] : 1.0f);
        gAcc[l] += g;
        gxAcc[l] += g * ((x[j + l] - m) * s);
      }
    for (; j < C; j++) {
      const float g = dy[j] * (weight ? weight[j] : 1.0f);
      gAcc[j & 7] += g;
      gxAcc[j & 7] += g * ((x[j] - m) * s);
    }
    const float gMean = (((gAcc[0] + gAcc[4]) + (gAcc[1] + gAcc[5])) + ((gAcc[2] + gAcc[6]) + (gAcc[3] + gAcc[7]))) * invC;
    const float gxMean = (((gxAcc[0] + gxAcc[4]) + (gxAcc[1] + gxAcc[5])) + ((gxAcc[2] + gxAcc[6]) + (gxAcc[3] + gxAcc[7]))) * invC;
    for (int q = 0; q < C; q++) {
      const float g = dy[q] * (weight ? weight[q] : 1.0f);
      dx[q] = s * (g - gMean - ((x[q] - m) * s) * gxMean);
    }
  }
}
