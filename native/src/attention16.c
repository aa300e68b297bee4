// Causal attention for one (batch, head) when T ≤ 16 and hs is a multiple of 16: makemore's
// shapes (block size 16, heads of 16 or 32). A score row is one 16-wide vector (GCC/clang vector
// extensions: a zmm with AVX-512, two ymm with AVX2, four q registers with NEON, compiled per
// target by MM_CLONES), so every pass keeps its accumulators in registers; keys past T are zero
// padding, masked like the keys past t. Same formulas as attention.c.
#include <math.h>
#include <string.h>
#include "attention16.h"
#include "simd.h"

typedef float v16 __attribute__((vector_size(64)));
typedef int i16v __attribute__((vector_size(64)));

static inline __attribute__((always_inline)) v16 ld(const float* p) { v16 v; memcpy(&v, p, sizeof v); return v; }
static inline __attribute__((always_inline)) void st(float* p, v16 v) { memcpy(p, &v, sizeof v); }
static inline __attribute__((always_inline)) v16 splat(float x) { return (v16){ 0 } + x; }
static inline __attribute__((always_inline)) v16 blend(i16v m, v16 a, v16 b) { return (v16)(((i16v)a & m) | ((i16v)b & ~m)); }
static inline __attribute__((always_inline)) float hsum(v16 v) {
  float s[16];
  memcpy(s, &v, sizeof s);
  float acc[8];
  for (int l = 0; l < 8; l++) acc[l] = s[l] + s[l + 8];
  return ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
}
static inline __attribute__((always_inline)) float hmax(v16 v) {
  float s[16];
  memcpy(s, &v, sizeof s);
  float m = s[0];
  for (int l = 1; l < 16; l++) m = s[l] > m ? s[l] : m;
  return m;
}

// mm_expf (vmath.h) on 16 lanes: the same constants and steps; lanes below -87.3 give 0.
static inline __attribute__((always_inline)) v16 vexp(v16 x) {
  const v16 big = splat(12582912.0f);
  v16 xc = blend(x > 88.7f, splat(88.7f), x);
  xc = blend(xc < -87.3f, splat(-87.3f), xc);
  const v16 n = (xc * 1.44269504088896341f + big) - big;
  v16 r = xc - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  v16 p = splat(1.9875691500e-4f);
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  const i16v bits = (__builtin_convertvector(n, i16v) + 127) << 23;
  return blend(x < -87.3f, splat(0.0f), p * (v16)bits);
}

static const v16 lane = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };

// Row t of a T×T matrix as 16 lanes, zero past T.
static inline __attribute__((always_inline)) v16 row16(const float* A, int t, int T) {
  float row[16] = { 0 };
  memcpy(row, A + (long)t * T, (size_t)T * sizeof(float));
  return ld(row);
}

// dst[d] (d < hs): the d-th component of rows 0..T-1 (`stride` floats apart), zero past T.
static inline __attribute__((always_inline)) void transpose16(v16* dst, const float* src, long stride, int T, int hs) {
  float col[16];
  for (int d = 0; d < hs; d++) {
    for (int s = 0; s < 16; s++) col[s] = s < T ? src[s * stride + d] : 0.0f;
    dst[d] = ld(col);
  }
}

// Σ_d q[d] · rows[d] over hs (a multiple of 16), in four independent chains.
static inline __attribute__((always_inline)) v16 mix(const float* q, const v16* rows, int hs) {
  v16 a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 };
  for (int d = 0; d < hs; d += 4) {
    a0 += q[d] * rows[d];
    a1 += q[d + 1] * rows[d + 1];
    a2 += q[d + 2] * rows[d + 2];
    a3 += q[d + 3] * rows[d + 3];
  }
  return (a0 + a1) + (a2 + a3);
}

MM_CLONES void mm_head_forward16(float* out, float* P, const float* q0, const float* k0, const float* v0, const float* M, long stride,
                                 long outStride, int T, int hs, float scale) {
  v16 kT[MM_ATT16_MAX_HS], p[16];
  transpose16(kT, k0, stride, T, hs);
  for (int t = 0; t < T; t++) {
    const v16 sc = blend(lane <= (float)t, mix(q0 + t * stride, kT, hs) * scale, splat(-INFINITY));
    const v16 e = vexp(sc - hmax(sc));
    p[t] = e * (1.0f / hsum(e));
    memcpy(P + (long)t * T, &p[t], (size_t)T * sizeof(float));
    if (M) p[t] *= row16(M, t, T); // the dropped probabilities weigh the values
    // out_t = Σ_{s≤t} p[t, s] · v_s, 16 components at a time
    for (int c = 0; c < hs; c += 16) {
      v16 o0 = { 0 }, o1 = { 0 };
      int s = 0;
      for (; s + 1 <= t; s += 2) {
        o0 += p[t][s] * ld(v0 + s * stride + c);
        o1 += p[t][s + 1] * ld(v0 + (s + 1) * stride + c);
      }
      if (s <= t) o0 += p[t][s] * ld(v0 + s * stride + c);
      st(out + t * outStride + c, o0 + o1);
    }
  }
}

MM_CLONES void mm_head_backward16(float* dq0, float* dk0, float* dv0, const float* go0, const float* q0, const float* k0, const float* v0,
                                  const float* P, const float* M, long stride, long outStride, int T, int hs, float scale) {
  v16 vT[MM_ATT16_MAX_HS], a[16], D[16];
  transpose16(vT, v0, stride, T, hs);
  for (int t = 0; t < T; t++) {
    const v16 pr = row16(P, t, T);
    v16 dp = mix(go0 + t * outStride, vT, hs);
    a[t] = pr;
    if (M) {
      const v16 m = row16(M, t, T);
      a[t] = pr * m;
      dp *= m;
    }
    D[t] = pr * (dp - hsum(pr * dp)) * scale;
  }
  for (int c = 0; c < hs; c += 16) {
    // dq_t = Σ_{s≤t} D[t, s] k_s
    for (int t = 0; t < T; t++) {
      v16 a = { 0 };
      for (int s = 0; s <= t; s++) a += D[t][s] * ld(k0 + s * stride + c);
      st(dq0 + t * stride + c, a);
    }
    // dk_s = Σ_{t≥s} D[t, s] q_t;  dv_s = Σ_{t≥s} a[t, s] dout_t (a: p, dropped with a mask)
    for (int s = 0; s < T; s++) {
      v16 dk = { 0 }, dv = { 0 };
      for (int t = s; t < T; t++) {
        dk += D[t][s] * ld(q0 + t * stride + c);
        dv += a[t][s] * ld(go0 + t * outStride + c);
      }
      st(dk0 + s * stride + c, dk);
      st(dv0 + s * stride + c, dv);
    }
  }
}
