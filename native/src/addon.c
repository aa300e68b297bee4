// The N-API face of the native kernels. Arrays arrive as byte offsets into the wasm memory that
// this thread attached (attach(u8) with a Uint8Array over the memory's SharedArrayBuffer, whose
// base pointer N-API hands out; a shared wasm memory never moves, so the pointer stays valid as
// it grows; the host re-attaches when the buffer object changes, to refresh the length). Offset
// 0 is a null array. Every array's extent is checked against the attached length, so a bad
// offset is a RangeError, never a stray write. Context-aware: each environment (main thread,
// worker threads) has its own state and workspace, and the module keeps no global JS state.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#define NAPI_VERSION 8
#include <node_api.h>
#include "kernels.h"

typedef struct {
  uint8_t* base;
  size_t length;
  mm_workspace ws;
} env_state;

#define MAX_ARGS 16

typedef struct {
  napi_env env;
  env_state* st;
  napi_value argv[MAX_ARGS];
  size_t argc;
  int failed;
} call;

static void fail(call* c, const char* message) {
  if (!c->failed) napi_throw_range_error(c->env, NULL, message);
  c->failed = 1;
}

static int begin(call* c, napi_env env, napi_callback_info info, size_t want) {
  c->env = env;
  c->failed = 0;
  c->argc = MAX_ARGS;
  void* data = NULL;
  if (napi_get_cb_info(env, info, &c->argc, c->argv, NULL, NULL) != napi_ok || napi_get_instance_data(env, &data) != napi_ok || !data) {
    napi_throw_error(env, NULL, "native: the addon is not initialised in this thread");
    return 0;
  }
  c->st = (env_state*)data;
  if (c->argc != want) {
    fail(c, "native: wrong number of arguments");
    return 0;
  }
  return 1;
}

static double num(call* c, size_t i) {
  double v = 0;
  if (napi_get_value_double(c->env, c->argv[i], &v) != napi_ok) fail(c, "native: expected a number");
  return v;
}

// An int dimension ≥ 0.
static int dim(call* c, size_t i) {
  const double v = num(c, i);
  if (!(v >= 0 && v <= 2147483647.0) || v != (double)(int)v) fail(c, "native: a dimension is not an integer in [0, 2^31)");
  return c->failed ? 0 : (int)v;
}

// The array at byte offset argv[i] holding `count` floats: NULL for offset 0 when `nullable`.
static float* arr(call* c, size_t i, double count, int nullable) {
  const double off = num(c, i);
  if (c->failed) return NULL;
  if (off == 0 && nullable) return NULL;
  if (!c->st->base) { fail(c, "native: no wasm memory attached"); return NULL; }
  if (!(off > 0) || off != (double)(uint64_t)off || (uint64_t)off % 4 != 0 || off + count * 4.0 > (double)c->st->length) {
    fail(c, "native: an array lies outside the attached wasm memory");
    return NULL;
  }
  return (float*)(c->st->base + (uint64_t)off);
}

#define ARGS(n) call c; if (!begin(&c, env, info, n)) return NULL
#define CHECK() if (c.failed) return NULL

static napi_value k_attach(napi_env env, napi_callback_info info) {
  ARGS(1);
  napi_typedarray_type type;
  size_t length = 0, offset = 0;
  void* data = NULL;
  napi_value buffer;
  if (napi_get_typedarray_info(env, c.argv[0], &type, &length, &data, &buffer, &offset) != napi_ok || type != napi_uint8_array || offset != 0) {
    fail(&c, "native: attach takes a Uint8Array over the whole wasm memory");
    return NULL;
  }
  c.st->base = (uint8_t*)data;
  c.st->length = length;
  return NULL;
}

static napi_value k_matmul(napi_env env, napi_callback_info info) {
  ARGS(9);
  const int M = dim(&c, 3), K = dim(&c, 4), N = dim(&c, 5);
  const int tA = num(&c, 6) != 0, tB = num(&c, 7) != 0, acc = num(&c, 8) != 0;
  float* out = arr(&c, 0, (double)M * N, 0);
  const float* a = arr(&c, 1, (double)M * K, K == 0);
  const float* b = arr(&c, 2, (double)K * N, K == 0);
  CHECK();
  mm_matmul(&c.st->ws, out, a, b, M, K, N, tA, tB, acc);
  return NULL;
}

static napi_value k_linear(napi_env env, napi_callback_info info) {
  ARGS(7);
  const int BT = dim(&c, 4), C = dim(&c, 5), OC = dim(&c, 6);
  float* out = arr(&c, 0, (double)BT * OC, 0);
  const float* inp = arr(&c, 1, (double)BT * C, C == 0);
  const float* w = arr(&c, 2, (double)OC * C, C == 0);
  const float* bias = arr(&c, 3, OC, 1);
  CHECK();
  mm_linear(&c.st->ws, out, inp, w, bias, BT, C, OC);
  return NULL;
}

static napi_value k_linear_backward(napi_env env, napi_callback_info info) {
  ARGS(9);
  const int BT = dim(&c, 6), C = dim(&c, 7), OC = dim(&c, 8);
  float* dinp = arr(&c, 0, (double)BT * C, 1);
  float* dw = arr(&c, 1, (double)OC * C, 1);
  float* db = arr(&c, 2, OC, 1);
  const float* dout = arr(&c, 3, (double)BT * OC, 1);
  const float* inp = arr(&c, 4, (double)BT * C, 1);
  const float* w = arr(&c, 5, (double)OC * C, 1);
  CHECK();
  if ((dinp && !w) || (dw && !inp) || ((dinp || dw || db) && !dout && BT > 0 && OC > 0)) { fail(&c, "native: linearBackward is missing an input"); return NULL; }
  mm_linear_backward(&c.st->ws, dinp, dw, db, dout, inp, w, BT, C, OC);
  return NULL;
}

static int heads(call* c, int C, int nh) {
  if (nh < 1 || C % nh != 0) fail(c, "native: attention needs nh ≥ 1 dividing C");
  return !c->failed;
}

// attention(out, att, qkv, B, T, C, nh) and attentionDropout(out, att, qkv, mask, B, T, C, nh)
static napi_value attention_call(napi_env env, napi_callback_info info, int masked) {
  ARGS(7 + masked);
  const int B = dim(&c, 3 + masked), T = dim(&c, 4 + masked), C = dim(&c, 5 + masked), nh = dim(&c, 6 + masked);
  CHECK();
  if (!heads(&c, C, nh)) return NULL;
  float* out = arr(&c, 0, (double)B * T * C, (double)B * T * C == 0);
  float* att = arr(&c, 1, (double)B * nh * T * T, (double)B * T == 0);
  const float* qkv = arr(&c, 2, (double)B * T * 3 * C, (double)B * T * C == 0);
  const float* mask = masked ? arr(&c, 3, (double)B * nh * T * T, (double)B * T == 0) : NULL;
  CHECK();
  if (!mm_attention(&c.st->ws, out, att, qkv, mask, B, T, C, nh)) fail(&c, "native: out of memory");
  return NULL;
}

// attentionBackward(dqkv, dout, qkv, att, B, T, C, nh) and attentionDropoutBackward(…, att, mask, B, …)
static napi_value attention_backward_call(napi_env env, napi_callback_info info, int masked) {
  ARGS(8 + masked);
  const int B = dim(&c, 4 + masked), T = dim(&c, 5 + masked), C = dim(&c, 6 + masked), nh = dim(&c, 7 + masked);
  CHECK();
  if (!heads(&c, C, nh)) return NULL;
  const int empty = (double)B * T * C == 0;
  float* dqkv = arr(&c, 0, (double)B * T * 3 * C, empty);
  const float* dout = arr(&c, 1, (double)B * T * C, empty);
  const float* qkv = arr(&c, 2, (double)B * T * 3 * C, empty);
  const float* att = arr(&c, 3, (double)B * nh * T * T, (double)B * T == 0);
  const float* mask = masked ? arr(&c, 4, (double)B * nh * T * T, (double)B * T == 0) : NULL;
  CHECK();
  if (!mm_attention_backward(&c.st->ws, dqkv, dout, qkv, att, mask, B, T, C, nh)) fail(&c, "native: out of memory");
  return NULL;
}

static napi_value k_attention(napi_env env, napi_callback_info info) { return attention_call(env, info, 0); }
static napi_value k_attention_dropout(napi_env env, napi_callback_info info) { return attention_call(env, info, 1); }
static napi_value k_attention_backward(napi_env env, napi_callback_info info) { return attention_backward_call(env, info, 0); }
static napi_value k_attention_dropout_backward(napi_env env, napi_callback_info info) { return attention_backward_call(env, info, 1); }

static napi_value k_layernorm(napi_env env, napi_callback_info info) {
  ARGS(9);
  const int rows = dim(&c, 6), C = dim(&c, 7);
  const float eps = (float)num(&c, 8);
  float* out = arr(&c, 0, (double)rows * C, (double)rows * C == 0);
  float* mean = arr(&c, 1, rows, rows == 0);
  float* rstd = arr(&c, 2, rows, rows == 0);
  const float* inp = arr(&c, 3, (double)rows * C, (double)rows * C == 0);
  const float* w = arr(&c, 4, C, 1);
  const float* b = arr(&c, 5, C, 1);
  CHECK();
  mm_layernorm(out, mean, rstd, inp, w, b, rows, C, eps);
  return NULL;
}

static napi_value k_layernorm_backward(napi_env env, napi_callback_info info) {
  ARGS(10);
  const int rows = dim(&c, 8), C = dim(&c, 9);
  const int empty = (double)rows * C == 0;
  float* dinp = arr(&c, 0, (double)rows * C, 1);
  float* dw = arr(&c, 1, C, 1);
  float* db = arr(&c, 2, C, 1);
  const float* dout = arr(&c, 3, (double)rows * C, empty);
  const float* inp = arr(&c, 4, (double)rows * C, empty);
  const float* w = arr(&c, 5, C, 1);
  const float* mean = arr(&c, 6, rows, rows == 0);
  const float* rstd = arr(&c, 7, rows, rows == 0);
  CHECK();
  mm_layernorm_backward(dinp, dw, db, dout, inp, w, mean, rstd, rows, C);
  return NULL;
}

static napi_value k_adamw(napi_env env, napi_callback_info info) {
  ARGS(13);
  const double n = num(&c, 4);
  CHECK();
  if (!(n >= 0) || n != (double)(long)n) { fail(&c, "native: adamw's n is not a count"); return NULL; }
  float* p = arr(&c, 0, n, n == 0);
  const float* g = arr(&c, 1, n, n == 0);
  float* m = arr(&c, 2, n, n == 0);
  float* v = arr(&c, 3, n, n == 0);
  float s[8];
  for (int i = 0; i < 8; i++) s[i] = (float)num(&c, 5 + i);
  CHECK();
  mm_adamw(p, g, m, v, (long)n, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]);
  return NULL;
}

// The interface version: src/backend/native/addon.ts refuses an addon built from other sources.
#define MM_NATIVE_ABI 2

static napi_value k_abi(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value v;
  napi_create_int32(env, MM_NATIVE_ABI, &v);
  return v;
}

static napi_value k_isa(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value s;
  napi_create_string_utf8(env, mm_gemm_isa(), NAPI_AUTO_LENGTH, &s);
  return s;
}

// forceIsa(name): use another GEMM micro-kernel (tests, benchmarks); false if this CPU lacks it.
static napi_value k_force_isa(napi_env env, napi_callback_info info) {
  ARGS(1);
  char name[32] = { 0 };
  size_t len = 0;
  napi_value result;
  if (napi_get_value_string_utf8(env, c.argv[0], name, sizeof name, &len) != napi_ok) { fail(&c, "native: forceIsa takes a name"); return NULL; }
  napi_get_boolean(env, mm_gemm_force(name), &result);
  return result;
}

static void finalize(napi_env env, void* data, void* hint) {
  (void)env; (void)hint;
  env_state* st = (env_state*)data;
  mm_workspace_free(&st->ws);
  free(st);
}

NAPI_MODULE_INIT() {
  env_state* st = (env_state*)calloc(1, sizeof(env_state));
  if (!st || !mm_workspace_init(&st->ws)) {
    free(st);
    napi_throw_error(env, NULL, "native: out of memory");
    return NULL;
  }
  if (napi_set_instance_data(env, st, finalize, NULL) != napi_ok) return NULL;
  static const struct { const char* name; napi_callback fn; } fns[] = {
    { "attach", k_attach }, { "matmul", k_matmul }, { "linear", k_linear }, { "linearBackward", k_linear_backward },
    { "attention", k_attention }, { "attentionBackward", k_attention_backward }, { "attentionDropout", k_attention_dropout },
    { "attentionDropoutBackward", k_attention_dropout_backward }, { "layerNorm", k_layernorm },
    { "layerNormBackward", k_layernorm_backward }, { "adamw", k_adamw }, { "abi", k_abi }, { "isa", k_isa }, { "forceIsa", k_force_isa },
  };
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
    napi_value f;
    if (napi_create_function(env, fns[i].name, NAPI_AUTO_LENGTH, fns[i].fn, NULL, &f) != napi_ok) return NULL;
    if (napi_set_named_property(env, exports, fns[i].name, f) != napi_ok) return NULL;
  }
  return exports;
}
