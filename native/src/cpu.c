// Picks the GEMM micro-kernel once, from what this CPU runs: AVX-512F, else AVX2 + FMA on
// x86-64; NEON on arm64 (always present there); else portable C. MAKEMORE_NATIVE_ISA (or
// mm_gemm_force) can force a narrower one, for tests and benchmarks.
#include <stdlib.h>
#include <string.h>
#include "gemm.h"
#include "kernels.h"
#include "simd.h"

static const mm_micro* chosen = NULL;

static int cpu_has(const char* isa) {
  if (strcmp(isa, "generic") == 0) return 1;
#if MM_X86 && (defined(__GNUC__) || defined(__clang__))
  __builtin_cpu_init();
  if (strcmp(isa, "avx2") == 0) return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  if (strcmp(isa, "avx512") == 0) return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
#if MM_NEON
  if (strcmp(isa, "neon") == 0) return 1;
#endif
  return 0;
}

static const mm_micro* by_name(const char* isa) {
  if (!cpu_has(isa)) return NULL;
#if MM_X86
  if (strcmp(isa, "avx512") == 0) return &mm_micro_avx512;
  if (strcmp(isa, "avx2") == 0) return &mm_micro_avx2;
#endif
#if MM_NEON
  if (strcmp(isa, "neon") == 0) return &mm_micro_neon;
#endif
  if (strcmp(isa, "generic") == 0) return &mm_micro_generic;
  return NULL;
}

static const mm_micro* best(void) {
  const char* forced = getenv("MAKEMORE_NATIVE_ISA");
  if (forced && by_name(forced)) return by_name(forced);
  static const char* const order[] = { "avx512", "avx2", "neon", "generic" };
  for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
    const mm_micro* u = by_name(order[i]);
    if (u) return u;
  }
  return &mm_micro_generic;
}

// Threads may race here on first use; they all compute the same pointer, so the race is benign.
const mm_micro* mm_gemm_micro(void) {
  if (!chosen) chosen = best();
  return chosen;
}

const char* mm_gemm_isa(void) { return mm_gemm_micro()->isa; }

int mm_gemm_force(const char* isa) {
  const mm_micro* u = by_name(isa);
  if (!u) return 0;
  chosen = u;
  return 1;
}
