// The native kernels: the same names, argument order and semantics as the TypeScript reference
// (src/backend/js/) and the wasm kernels (asm/): outputs first, then inputs, then dims; a NULL
// pointer is a null (skipped) array. Every pointer is into the wasm memory the caller attached.
#ifndef MAKEMORE_KERNELS_H
#define MAKEMORE_KERNELS_H
#include <stddef.h>

// Per-thread scratch: the GEMM's packed B block and a growable temporary for the other kernels.
// One per N-API environment (the main thread and each worker thread), so kernels never share it.
typedef struct {
  float* packB;    // GEMM_KC × GEMM_NC floats (plus one panel of padding), 64-byte aligned
  float* tmp;      // tmpCap floats, grown on demand
  size_t tmpCap;
} mm_workspace;

int mm_workspace_init(mm_workspace* ws);
void mm_workspace_free(mm_workspace* ws);
// n floats of temporary space (contents undefined), or NULL when out of memory
float* mm_workspace_tmp(mm_workspace* ws, size_t n);

// cpu.c: which micro-kernel the GEMM uses ("avx512", "avx2", "neon" or "generic"), chosen once.
const char* mm_gemm_isa(void);
// Forces a GEMM micro-kernel by name for tests and benchmarks; returns 0 if this CPU lacks it.
int mm_gemm_force(const char* isa);

// matmul.c
void mm_matmul(mm_workspace* ws, float* c, const float* a, const float* b, int M, int K, int N, int transA, int transB, int accumulate);
void mm_linear(mm_workspace* ws, float* out, const float* inp, const float* weight, const float* bias, int BT, int C, int OC);
void mm_linear_backward(mm_workspace* ws, float* dinp, float* dweight, float* dbias,
                        const float* dout, const float* inp, const float* weight, int BT, int C, int OC);

// attention.c
// mask: dropout noise (B, nh, T, T) on the probabilities, or NULL
int mm_attention(mm_workspace* ws, float* out, float* att, const float* qkv, const float* mask, int B, int T, int C, int nh);
int mm_attention_backward(mm_workspace* ws, float* dqkv, const float* dout, const float* qkv, const float* att, const float* mask, int B, int T, int C,
                          int nh);

// layernorm.c
void mm_layernorm(float* out, float* mean, float* rstd, const float* inp, const float* weight, const float* bias, int rows, int C, float eps);
void mm_layernorm_backward(float* dinp, float* dweight, float* dbias, const float* dout, const float* inp, const float* weight,
                           const float* mean, const float* rstd, int rows, int C);

// adamw.c: the per-step scalars come precomputed and rounded to float32 by the host, as for wasm.
void mm_adamw(float* param, const float* grad, float* m, float* v, long n, float decay, float beta1, float beta2,
              float oneMinusBeta1, float oneMinusBeta2, float stepSize, float bc2Sqrt, float eps);

#endif
