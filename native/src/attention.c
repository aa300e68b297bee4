// Causal multi-head self-attention on packed qkv (B, T, 3C), forward and backward, with the
// semantics of src/backend/js/attention.ts. Per (batch, head) it is a few small matrix products
// over T ≈ 16 and hs = C / nh. Each is written with its innermost loop over a contiguous
// dimension and a trip count that does not depend on t (all T keys of a score row, all hs
// components of a row), so compilers vectorize every pass without reassociating a reduction:
// scores above the diagonal are computed and then masked (to -inf before the softmax, whose exp
// gives exactly 0 there), which costs less than short, ragged loops. Scratch comes from the
// thread's workspace.
#include <math.h>
#include "kernels.h"
#include "simd.h"
#include "vmath.h"
#include "attention16.h"

// dst (hs, T): row d is the d-th component of each of T rows `stride` floats apart.
static inline void transpose_rows(float* restrict dst, const float* restrict src, long stride, int T, int hs) {
  for (int s = 0; s < T; s++)
    for (int d = 0; d < hs; d++) dst[(long)d * T + s] = src[s * stride + d];
}

// row[0..T) = q · K[s] for every s, with K given transposed as kT (hs, T).
static inline void scores(float* restrict row, const float* restrict q, const float* restrict kT, int T, int hs) {
  for (int s = 0; s < T; s++) row[s] = 0.0f;
  for (int d = 0; d < hs; d++) {
    const float qd = q[d];
    const float* kd = kT + (long)d * T;
    for (int s = 0; s < T; s++) row[s] += qd * kd[s];
  }
}

// max of row[0..n) in 8 lanes (n ≥ 1)
static inline float row_max(const float* row, int n) {
  float m[8];
  for (int l = 0; l < 8; l++) m[l] = row[0];
  int s = 0;
  for (; s + 8 <= n; s += 8)
    for (int l = 0; l < 8; l++) m[l] = row[s + l] > m[l] ? row[s + l] : m[l];
  for (; s < n; s++) m[0] = row[s] > m[0] ? row[s] : m[0];
  float r = m[0];
  for (int l = 1; l < 8; l++) r = m[l] > r ? m[l] : r;
  return r;
}

MM_CLONES static void head_forward(float* restrict out, float* restrict P, const float* q0, const float* k0, const float* v0, const float* M, long stride,
                                   long outStride, int T, int hs, float scale, float* restrict kT) {
  transpose_rows(kT, k0, stride, T, hs);
  for (int t = 0; t < T; t++) {
    float* row = P + (long)t * T;
    scores(row, q0 + t * stride, kT, T, hs);
    for (int s = 0; s < T; s++) row[s] = s <= t ? row[s] * scale : -INFINITY;
    const float mx = row_max(row, t + 1);
    for (int s = 0; s < T; s++) row[s] = mm_expf(row[s] - mx);
    const float inv = 1.0f / mm_sum(row, T);
    for (int s = 0; s < T; s++) row[s] *= inv;
    // out_t = Σ_{s≤t} p[s] · v_s (p dropped by the noise M, with one)
    float* restrict o = out + t * outStride;
    for (int d = 0; d < hs; d++) o[d] = 0.0f;
    for (int s = 0; s <= t; s++) {
      const float p = M ? row[s] * M[(long)t * T + s] : row[s];
      const float* restrict v = v0 + s * stride;
      for (int d = 0; d < hs; d++) o[d] += p * v[d];
    }
  }
}

// Returns 0 when the scratch cannot be had (out of memory). `mask`: dropout noise (B, nh, T, T) on
// the probabilities before v, or NULL.
int mm_attention(mm_workspace* ws, float* out, float* att, const float* qkv, const float* mask, int B, int T, int C, int nh) {
  const int hs = C / nh;
  const float scale = (float)(1.0 / sqrt((double)hs));
  const long C3 = 3L * C;
  float* kT = mm_workspace_tmp(ws, (size_t)hs * T);
  if (!kT) return 0;
  for (int b = 0; b < B; b++)
    for (int h = 0; h < nh; h++) {
      const float* base = qkv + (long)b * T * C3 + (long)h * hs;
      float* o = out + (long)b * T * C + (long)h * hs;
      float* P = att + ((long)b * nh + h) * T * T;
      const float* M = mask ? mask + ((long)b * nh + h) * T * T : NULL;
      if (MM_ATT16_FITS(T, hs)) mm_head_forward16(o, P, base, base + C, base + 2L * C, M, C3, C, T, hs, scale);
      else head_forward(o, P, base, base + C, base + 2L * C, M, C3, C, T, hs, scale, kT);
    }
  return 1;
}

// With p = att[t, ·], a = p ⊙ M (p without a mask) and dp[t, s] = M[t, s] · dout_t · v_s:
//   D[t, s] = p[t, s] (dp[t, s] - Σ_s' p[t, s'] dp[t, s']) · scale   (0 above the diagonal, as p)
//   dq_t = Σ_{s≤t} D[t, s] k_s;   dk_s = Σ_{t≥s} D[t, s] q_t;   dv_s = Σ_{t≥s} a[t, s] dout_t
// Every element of dqkv is written exactly once.
MM_CLONES static void head_backward(float* restrict dq0, float* restrict dk0, float* restrict dv0, const float* go0, const float* q0, const float* k0,
                                    const float* v0, const float* P, const float* M, long stride, long outStride, int T, int hs, float scale,
                                    float* restrict vT, float* restrict D) {
  transpose_rows(vT, v0, stride, T, hs);
  for (int t = 0; t < T; t++) {
    const float* prow = P + (long)t * T;
    float* drow = D + (long)t * T;
    scores(drow, go0 + t * outStride, vT, T, hs);
    if (M)
      for (int s = 0; s < T; s++) drow[s] *= M[(long)t * T + s];
    const float dot = mm_dot(prow, drow, T);
    for (int s = 0; s < T; s++) drow[s] = prow[s] * (drow[s] - dot) * scale;
  }
  for (int t = 0; t < T; t++) {
    float* restrict dq = dq0 + t * stride;
    for (int d = 0; d < hs; d++) dq[d] = 0.0f;
    for (int s = 0; s <= t; s++) {
      const float w = D[(long)t * T + s];
      const float* restrict k = k0 + s * stride;
      for (int d = 0; d < hs; d++) dq[d] += w * k[d];
    }
  }
  for (int s = 0; s < T; s++) {
    float* restrict dk = dk0 + s * stride;
    float* restrict dv = dv0 + s * stride;
    for (int d = 0; d < hs; d++) dk[d] = 0.0f;
    for (int d = 0; d < hs; d++) dv[d] = 0.0f;
    for (int t = s; t < T; t++) {
      const float w = D[(long)t * T + s], p = M ? P[(long)t * T + s] * M[(long)t * T + s] : P[(long)t * T + s];
      const float* restrict q = q0 + t * stride;
      const float* restrict go = go0 + t * outStride;
      for (int d = 0; d < hs; d++) dk[d] += w * q[d];
      for (int d = 0; d < hs; d++) dv[d] += p * go[d];
    }
  }
}

int mm_attention_backward(mm_workspace* ws, float* dqkv, const float* dout, const float* qkv, const float* att, const float* mask, int B, int T, int C,
                          int nh) {
  const int hs = C / nh;
  const float scale = (float)(1.0 / sqrt((double)hs));
  const long C3 = 3L * C;
  float* vT = mm_workspace_tmp(ws, (size_t)hs * T + (size_t)T * T);
  if (!vT) return 0;
  float* D = vT + (long)hs * T;
  for (int b = 0; b < B; b++)
    for (int h = 0; h < nh; h++) {
      const long off = (long)b * T * C3 + (long)h * hs;
      const float* go = dout + (long)b * T * C + (long)h * hs;
      const float* P = att + ((long)b * nh + h) * T * T;
      const float* M = mask ? mask + ((long)b * nh + h) * T * T : NULL;
      if (MM_ATT16_FITS(T, hs))
        mm_head_backward16(dqkv + off, dqkv + off + C, dqkv + off + 2L * C, go, qkv + off, qkv + off + C, qkv + off + 2L * C, P, M, C3, C, T, hs, scale);
      else
        head_backward(dqkv + off, dqkv + off + C, dqkv + off + 2L * C, go, qkv + off, qkv + off + C, qkv + off + 2L * C, P, M, C3, C, T, hs, scale, vT, D);
    }
  return 1;
}
