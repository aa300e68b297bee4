// Causal multi-head self-attention on packed qkv (B, T, 3C), forward and backward, with the
// semantics of src/backend/js/attention.ts. Per (batch, head) it is a few small matrix products
// over T ≈ 16 and hs = C / nh: each one is written with its innermost loop over a contiguous
// dimension (s of a transposed copy of K or V, or d of a row), so compilers vectorize every pass
// without reassociating a reduction. Scratch comes from the thread's workspace.
#include <math.h>
#include "kernels.h"
#include "simd.h"
#include "vmath.h"

// dst (hs, T): row d is the d-th component of each of T rows `stride` floats apart.
static void transpose_rows(float* dst, const float* src, long stride, int T, int hs) {
  for (int s = 0; s < T; s++)
    for (int d = 0; d < hs; d++) dst[(long)d * T + s] = src[s * stride + d];
}

// row[0..n) = scale · q · K[s] for s < n, with K given transposed as kT (hs, T).
static inline void scores(float* row, const float* q, const float* kT, int n, int T, int hs, float scale) {
  for (int s = 0; s < n; s++) row[s] = 0.0f;
  for (int d = 0; d < hs; d++) {
    const float qd = q[d];
    const float* kd = kT + (long)d * T;
    for (int s = 0; s < n; s++) row[s] += qd * kd[s];
  }
  for (int s = 0; s < n; s++) row[s] *= scale;
}

MM_CLONES static void head_forward(float* out, float* P, const float* q0, const float* k0, const float* v0, long stride, long outStride,
                                   int T, int hs, float scale, float* kT) {
  transpose_rows(kT, k0, stride, T, hs);
  for (int t = 0; t < T; t++) {
    float* row = P + (long)t * T;
    const int n = t + 1;
    scores(row, q0 + t * stride, kT, n, T, hs, scale);
    float mx = row[0];
    for (int s = 1; s < n; s++) mx = row[s] > mx ? row[s] : mx;
    for (int s = 0; s < n; s++) row[s] = mm_expf(row[s] - mx);
    const float inv = 1.0f / mm_sum(row, n);
    for (int s = 0; s < n; s++) row[s] *= inv;
    for (int s = n; s < T; s++) row[s] = 0.0f;
    // out_t = Σ_{s≤t} p[s] · v_s
    float* o = out + t * outStride;
    for (int d = 0; d < hs; d++) o[d] = 0.0f;
    for (int s = 0; s < n; s++) {
      const float p = row[s];
      const float* v = v0 + s * stride;
      for (int d = 0; d < hs; d++) o[d] += p * v[d];
    }
  }
}

// Returns 0 when the scratch cannot be had (out of memory).
int mm_attention(mm_workspace* ws, float* out, float* att, const float* qkv, int B, int T, int C, int nh) {
  const int hs = C / nh;
  const float scale = (float)(1.0 / sqrt((double)hs));
  const long C3 = 3L * C;
  float* kT = mm_workspace_tmp(ws, (size_t)hs * T);
  if (!kT) return 0;
  for (int b = 0; b < B; b++)
    for (int h = 0; h < nh; h++) {
      const float* base = qkv + (long)b * T * C3 + (long)h * hs;
      head_forward(out + (long)b * T * C + (long)h * hs, att + ((long)b * nh + h) * T * T, base, base + C, base + 2L * C, C3, C, T, hs, scale, kT);
    }
  return 1;
}

// With p = att[t, ·] and dp[t, s] = dout_t · v_s:
//   D[t, s] = p[t, s] (dp[t, s] - Σ_s' p[t, s'] dp[t, s']) · scale
//   dq_t = Σ_{s≤t} D[t, s] k_s;   dk_s = Σ_{t≥s} D[t, s] q_t;   dv_s = Σ_{t≥s} p[t, s] dout_t
// Every element of dqkv is written exactly once.
MM_CLONES static void head_backward(float* dq0, float* dk0, float* dv0, const float* go0, const float* q0, const float* k0, const float* v0,
                                    const float* P, long stride, long outStride, int T, int hs, float scale, float* vT, float* D) {
  transpose_rows(vT, v0, stride, T, hs);
  for (int t = 0; t < T; t++) {
    const float* prow = P + (long)t * T;
    float* drow = D + (long)t * T;
    const int n = t + 1;
    scores(drow, go0 + t * outStride, vT, n, T, hs, 1.0f);
    float acc[8] = { 0, 0, 0, 0, 0, 0, 0, 0 };
    for (int s = 0; s < n; s++) acc[s & 7] += prow[s] * drow[s];
    const float dot = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
    for (int s = 0; s < n; s++) drow[s] = prow[s] * (drow[s] - dot) * scale;
  }
  for (int t = 0; t < T; t++) {
    float* dq = dq0 + t * stride;
    for (int d = 0; d < hs; d++) dq[d] = 0.0f;
    for (int s = 0; s <= t; s++) {
      const float w = D[(long)t * T + s];
      const float* k = k0 + s * stride;
      for (int d = 0; d < hs; d++) dq[d] += w * k[d];
    }
  }
  for (int s = 0; s < T; s++) {
    float* dk = dk0 + s * stride;
    float* dv = dv0 + s * stride;
    for (int d = 0; d < hs; d++) dk[d] = dv[d] = 0.0f;
    for (int t = s; t < T; t++) {
      const float w = D[(long)t * T + s], p = P[(long)t * T + s];
      const float* q = q0 + t * stride;
      const float* go = go0 + t * outStride;
      for (int d = 0; d < hs; d++) {
        dk[d] += w * q[d];
        dv[d] += p * go[d];
      }
    }
  }
}

int mm_attention_backward(mm_workspace* ws, float* dqkv, const float* dout, const float* qkv, const float* att, int B, int T, int C, int nh) {
  const int hs = C / nh;
  const float scale = (float)(1.0 / sqrt((double)hs));
  const long C3 = 3L * C;
  float* vT = mm_workspace_tmp(ws, (size_t)hs * T + (size_t)T * T);
  if (!vT) return 0;
  float* D = vT + (long)hs * T;
  for (int b = 0; b < B; b++)
    for (int h = 0; h < nh; h++) {
      const long off = (long)b * T * C3 + (long)h * hs;
      head_backward(dqkv + off, dqkv + off + C, dqkv + off + 2L * C, dout + (long)b * T * C + (long)h * hs,
                    qkv + off, qkv + off + C, qkv + off + 2L * C, att + ((long)b * nh + h) * T * T, C3, C, T, hs, scale, vT, D);
    }
  return 1;
}
