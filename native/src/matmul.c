// The GEMM driver and nn.Linear on it. C (M, N) (+)= A (M, K) · B (K, N) for the NN, NT and TN
// layouts through one strided path (no transposes materialised): A is read in place by the
// micro-kernel (row r at a + r·ars, step k at a + k·aks), B is packed GEMM_KC × GEMM_NC at a time
// into NR-wide, zero-padded panels. Tiles that overhang M or N go through a small edge buffer, so
// no kernel ever reads or writes outside the arrays.
#include <string.h>
#include "gemm.h"
#include "kernels.h"
#include "simd.h"

// Packs B[pc:pc+kc, jc:jc+nc] into consecutive panels of kc rows × NR floats.
static void pack_b(float* dst, const float* b, int K, int N, int transB, int pc, int kc, int jc, int nc, int NR) {
  for (int j0 = jc; j0 < jc + nc; j0 += NR) {
    const int w = MM_MIN(NR, jc + nc - j0);
    if (!transB) {
      // B row-major: each k row of the panel is w contiguous floats
      const float* src = b + (long)pc * N + j0;
      for (int k = 0; k < kc; k++, src += N, dst += NR) {
        memcpy(dst, src, (size_t)w * sizeof(float));
        for (int jj = w; jj < NR; jj++) dst[jj] = 0.0f;
      }
    } else {
      // Bᵀ stored (N, K): column j of B is contiguous in k; walk it and scatter into the panel
      for (int jj = 0; jj < NR; jj++) {
        if (jj < w) {
          const float* col = b + (long)(j0 + jj) * K + pc;
          for (int k = 0; k < kc; k++) dst[(long)k * NR + jj] = col[k];
        } else {
          for (int k = 0; k < kc; k++) dst[(long)k * NR + jj] = 0.0f;
        }
      }
      dst += (long)kc * NR;
    }
  }
}

void mm_matmul(mm_workspace* ws, float* c, const float* a, const float* b, int M, int K, int N, int transA, int transB, int accumulate) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    if (!accumulate) memset(c, 0, (size_t)M * N * sizeof(float));
    return;
  }
  const mm_micro* u = mm_gemm_micro();
  const int MR = u->MR, NR = u->NR;
  const long ars = transA ? 1 : K, aks = transA ? M : 1;
  float tile[GEMM_MAX_MR * GEMM_MAX_NR] __attribute__((aligned(64)));
  for (int jc = 0; jc < N; jc += GEMM_NC) {
    const int nc = MM_MIN(GEMM_NC, N - jc);
    for (int pc = 0; pc < K; pc += GEMM_KC) {
      const int kc = MM_MIN(GEMM_KC, K - pc);
      const int load = accumulate || pc > 0;
      pack_b(ws->packB, b, K, N, transB, pc, kc, jc, nc, NR);
      for (int ic = 0; ic < M; ic += MR) {
        const int mr = MM_MIN(MR, M - ic);
        const float* ap = a + ic * ars + pc * aks;
        const float* bp = ws->packB;
        for (int j0 = jc; j0 < jc + nc; j0 += NR, bp += (long)kc * NR) {
          const int w = MM_MIN(NR, jc + nc - j0);
          float* cp = c + (long)ic * N + j0;
          if (mr == MR && w == NR) {
            u->kernel(kc, mr, ap, ars, aks, bp, cp, N, load);
            continue;
          }
          // an edge tile: compute the whole MR × NR into the buffer, keep the mr × w inside C
          memset(tile, 0, sizeof tile);
          if (load)
            for (int r = 0; r < mr; r++) memcpy(tile + r * NR, cp + (long)r * N, (size_t)w * sizeof(float));
          u->kernel(kc, mr, ap, ars, aks, bp, tile, NR, load);
          for (int r = 0; r < mr; r++) memcpy(cp + (long)r * N, tile + r * NR, (size_t)w * sizeof(float));
        }
      }
    }
  }
}

// out (BT, OC) = inp (BT, C) · weightᵀ + bias: out starts as the bias rows, then accumulates.
void mm_linear(mm_workspace* ws, float* out, const float* inp, const float* weight, const float* bias, int BT, int C, int OC) {
  if (bias && C > 0) {
    for (int r = 0; r < BT; r++) memcpy(out + (long)r * OC, bias, (size_t)OC * sizeof(float));
    mm_matmul(ws, out, inp, weight, BT, C, OC, 0, 1, 1);
  } else {
    mm_matmul(ws, out, inp, weight, BT, C, OC, 0, 1, 0);
    if (bias)
      for (int r = 0; r < BT; r++) memcpy(out + (long)r * OC, bias, (size_t)OC * sizeof(float));
  }
}

// dbias (OC) += Σ_rows dout (BT, OC): adds whole rows, so it vectorizes without reassociating.
MM_CLONES static void column_sums_add(float* dbias, const float* dout, int BT, int OC) {
  for (int r = 0; r < BT; r++) {
    const float* row = dout + (long)r * OC;
    for (int j = 0; j < OC; j++) dbias[j] += row[j];
  }
}

// dinp = dout · weight; dweight += doutᵀ · inp; dbias += Σ_rows dout (NULL outputs skipped)
void mm_linear_backward(mm_workspace* ws, float* dinp, float* dweight, float* dbias,
                        const float* dout, const float* inp, const float* weight, int BT, int C, int OC) {
  if (dinp) mm_matmul(ws, dinp, dout, weight, BT, OC, C, 0, 0, 0);
  if (dweight) mm_matmul(ws, dweight, dout, inp, OC, BT, C, 1, 0, 1);
  if (dbias) column_sums_add(dbias, dout, BT, OC);
}
