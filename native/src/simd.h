// Function-level instruction sets. The addon is compiled for the baseline ISA (x86-64 or arm64),
// so it loads on any CPU of that architecture; wider code is compiled per function with a target
// attribute and only called after a runtime CPU check (cpu.c), never with -march=native.
#ifndef MAKEMORE_SIMD_H
#define MAKEMORE_SIMD_H
#include <stdlib.h> // defines __GLIBC__ on glibc

#if defined(__x86_64__) || defined(_M_X64)
#define MM_X86 1
#define MM_TARGET_AVX2 __attribute__((target("avx2,fma")))
#define MM_TARGET_AVX512 __attribute__((target("avx512f,avx2,fma")))
#if defined(__GLIBC__) && (defined(__GNUC__) || defined(__clang__)) && !defined(MM_NO_CLONES)
// The simple loops (layer norm, AdamW, attention) are written so compilers vectorize them; GCC and
// clang compile them once per listed target and pick one at load time (an ifunc on glibc).
#define MM_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#endif
#endif

#if defined(__aarch64__)
#define MM_NEON 1
#endif

#ifndef MM_CLONES
#define MM_CLONES
#endif

#define MM_MIN(a, b) ((a) < (b) ? (a) : (b))
#define MM_MAX(a, b) ((a) > (b) ? (a) : (b))

#endif
