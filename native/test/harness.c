// A C-only check of the kernels, without Node: the GEMM (every micro-kernel this CPU runs, and
// the portable one) against a double-precision reference over awkward shapes and all layouts,
// and attention (probabilities and output, with and without dropout noise) against the formula.
// scripts/native-cross-check.sh builds it natively and, where a cross compiler and qemu exist,
// for arm64 (the NEON kernel) under qemu.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "../src/kernels.h"

static float frand(void) { return (float)rand() / (float)RAND_MAX - 0.5f; }

static void reference(float* c, const float* a, const float* b, int M, int K, int N, int tA, int tB, int acc) {
  for (int i = 0; i < M; i++)
    for (int j = 0; j < N; j++) {
      double s = acc ? c[i * N + j] : 0;
      for (int k = 0; k < K; k++) s += (double)(tA ? a[k * M + i] : a[i * K + k]) * (tB ? b[j * K + k] : b[k * N + j]);
      c[i * N + j] = (float)s;
    }
}

static int check_gemm(mm_workspace* ws) {
  static const int shapes[][3] = { { 1, 1, 1 }, { 3, 5, 7 }, { 7, 27, 27 }, { 13, 64, 27 }, { 17, 300, 260 }, { 64, 96, 27 }, { 33, 513, 70 }, { 6, 16, 16 }, { 12, 256, 32 } };
  int fails = 0;
  for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
    for (int t = 0; t < 8; t++) {
      const int M = shapes[s][0], K = shapes[s][1], N = shapes[s][2], tA = t & 1, tB = (t >> 1) & 1, acc = (t >> 2) & 1;
      float *a = malloc(sizeof(float) * M * K), *b = malloc(sizeof(float) * K * N), *c = malloc(sizeof(float) * M * N), *r = malloc(sizeof(float) * M * N);
      for (int i = 0; i < M * K; i++) a[i] = frand();
      for (int i = 0; i < K * N; i++) b[i] = frand();
      for (int i = 0; i < M * N; i++) c[i] = r[i] = frand();
      mm_matmul(ws, c, a, b, M, K, N, tA, tB, acc);
      reference(r, a, b, M, K, N, tA, tB, acc);
      double err = 0;
      for (int i = 0; i < M * N; i++) err = fmax(err, fabs(c[i] - r[i]) / (1e-6 + 3e-8 * K + 1e-5 * fabs(r[i])));
      if (err > 1) { printf("FAIL gemm %s %dx%dx%d tA=%d tB=%d acc=%d\n", mm_gemm_isa(), M, K, N, tA, tB, acc); fails++; }
      free(a); free(b); free(c); free(r);
    }
  return fails;
}

// attention's probabilities and output against the formula, without and with dropout noise on the
// probabilities: the general path (hs = 4) and the 16-wide one (hs = 16)
static int check_attention(mm_workspace* ws, int B, int T, int C, int NH, int masked) {
  const int HS = C / NH;
  float *qkv = malloc(sizeof(float) * B * T * 3 * C), *out = malloc(sizeof(float) * B * T * C), *att = malloc(sizeof(float) * B * NH * T * T);
  float* mask = masked ? malloc(sizeof(float) * B * NH * T * T) : NULL;
  for (int i = 0; i < B * T * 3 * C; i++) qkv[i] = 2 * frand();
  if (mask)
    for (int i = 0; i < B * NH * T * T; i++) mask[i] = frand() < -0.2f ? 0.0f : 1.0f / 0.7f;
  mm_attention(ws, out, att, qkv, mask, B, T, C, NH);
  double err = 0, outErr = 0;
  for (int b = 0; b < B; b++)
    for (int h = 0; h < NH; h++)
      for (int t = 0; t < T; t++) {
        double p[64], mx = -1e30, sum = 0;
        for (int s = 0; s <= t; s++) {
          double d = 0;
          for (int x = 0; x < HS; x++) d += qkv[(b * T + t) * 3 * C + h * HS + x] * qkv[(b * T + s) * 3 * C + C + h * HS + x];
          p[s] = d / sqrt((double)HS);
          mx = p[s] > mx ? p[s] : mx;
        }
        for (int s = 0; s <= t; s++) sum += p[s] = exp(p[s] - mx);
        const long row = ((long)(b * NH + h) * T + t) * T;
        for (int s = 0; s < T; s++) err = fmax(err, fabs((s <= t ? p[s] / sum : 0) - att[row + s]));
        for (int x = 0; x < HS; x++) {
          double o = 0;
          for (int s = 0; s <= t; s++) o += p[s] / sum * (mask ? mask[row + s] : 1.0) * qkv[(b * T + s) * 3 * C + 2 * C + h * HS + x];
          outErr = fmax(outErr, fabs(o - out[(b * T + t) * C + h * HS + x]));
        }
      }
  free(qkv); free(out); free(att); free(mask);
  if (err > 1e-6 || outErr > 1e-5) {
    printf("FAIL attention T=%d hs=%d%s: max error %g (probabilities), %g (output)\n", T, HS, masked ? " with dropout noise" : "", err, outErr);
    return 1;
  }
  return 0;
}

int main(void) {
  mm_workspace ws;
  if (!mm_workspace_init(&ws)) return 2;
  int fails = 0;
  const char* best = mm_gemm_isa();
  static const char* const isas[] = { "avx512", "avx2", "neon", "generic" };
  for (size_t i = 0; i < sizeof isas / sizeof isas[0]; i++) {
    if (!mm_gemm_force(isas[i])) continue;
    fails += check_gemm(&ws);
    printf("gemm %s checked\n", isas[i]);
  }
  mm_gemm_force(best);
  for (int masked = 0; masked <= 1; masked++)
    fails += check_attention(&ws, 2, 7, 12, 3, masked) + check_attention(&ws, 3, 9, 32, 2, masked) + check_attention(&ws, 2, 16, 64, 2, masked);
  mm_workspace_free(&ws);
  printf("%s: %d failures\n", fails ? "FAILED" : "ok", fails);
  return fails ? 1 : 0;
}
