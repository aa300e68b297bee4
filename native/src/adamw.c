// torch.optim.AdamW (single-tensor path), each tensor op rounded to float32 as torch does, with
// the per-step scalars precomputed by the host exactly as src/backend/js/optim.ts rounds them:
//   p *= decay;  m = β1·m + (1-β1)·g;  v = β2·v + (1-β2)·g²;  p -= stepSize · m / (√v / bc2Sqrt + eps)
// Built with -ffp-contract=off, so no multiply-add is fused and every step rounds as in torch.
#include <math.h>
#include "kernels.h"
#include "simd.h"

MM_CLONES void mm_adamw(float* param, const float* grad, float* m, float* v, long n, float decay, float beta1, float beta2,
                        float oneMinusBeta1, float oneMinusBeta2, float stepSize, float bc2Sqrt, float eps) {
  for (long i = 0; i < n; i++) {
    const float g = grad[i];
    const float p = param[i] * decay;
    const float mi = m[i] * beta1 + g * oneMinusBeta1;
    const float vi = v[i] * beta2 + (g * g) * oneMinusBeta2;
    m[i] = mi;
    v[i] = vi;
    const float denom = sqrtf(vi) / bc2Sqrt + eps;
    param[i] = p - stepSize * (mi / denom);
  }
}
