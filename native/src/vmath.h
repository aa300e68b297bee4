// Small float helpers written so that compilers vectorize the loops that call them (no libm
// calls, no reassociation needed): exp by range reduction + a polynomial, and sums in 8 lanes.
#ifndef MAKEMORE_VMATH_H
#define MAKEMORE_VMATH_H
#include <stdint.h>
#include <string.h>

// e^x for float x, max relative error ~1.2e-7 on [-87, 88] (Cephes expf: n = round(x·log2 e)
// with the 1.5·2²³ magic add, r = x - n·ln 2 in two parts, a degree-6 polynomial, 2ⁿ from the
// exponent bits). Below -87.3 the result is 0, above 88.7 it saturates at 2¹²⁷·e^r.
static inline float mm_expf(float x) {
  const float big = 12582912.0f; // 1.5·2²³: adding it rounds to an integer in the low bits
  float xc = x > 88.7f ? 88.7f : x;
  xc = xc < -87.3f ? -87.3f : xc;
  const float t = xc * 1.44269504088896341f + big;
  const float n = t - big;
  float r = xc - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  int32_t bits = ((int32_t)n + 127) << 23;
  float scale;
  memcpy(&scale, &bits, sizeof scale);
  return x < -87.3f ? 0.0f : p * scale;
}

// Σ x[0..n) in 8 partial sums (lane j takes every 8th value), then the lanes pairwise.
static inline float mm_sum(const float* x, int n) {
  float acc[8] = { 0, 0, 0, 0, 0, 0, 0, 0 };
  int j = 0;
  for (; j + 8 <= n; j += 8)
    for (int l = 0; l < 8; l++) acc[l] += x[j + l];
  for (; j < n; j++) acc[j & 7] += x[j];
  return ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
}

// Σ x[i]·y[i] over [0, n), in 8 partial sums as mm_sum.
static inline float mm_dot(const float* x, const float* y, int n) {
  float acc[8] = { 0, 0, 0, 0, 0, 0, 0, 0 };
  int j = 0;
  for (; j + 8 <= n; j += 8)
    for (int l = 0; l < 8; l++) acc[l] += x[j + l] * y[j + l];
  for (; j < n; j++) acc[j & 7] += x[j] * y[j];
  return ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
}

#endif
