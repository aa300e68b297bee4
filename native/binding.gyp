# The native kernel addon (build/Release/makemore_native.node), built by scripts/build-native.mjs
# during `npm install` where a C compiler exists. Compiled for the baseline ISA of the target
# architecture: AVX2/FMA and AVX-512 code is enabled per function (native/src/simd.h) and chosen
# at run time (native/src/cpu.c), so a build runs on any CPU of its architecture.
{
  "targets": [
    {
      "target_name": "makemore_native",
      "sources": [
        "src/addon.c", "src/workspace.c", "src/cpu.c", "src/matmul.c",
        "src/gemm-generic.c", "src/gemm-avx2.c", "src/gemm-avx512.c", "src/gemm-neon.c",
        "src/attention.c", "src/attention16.c", "src/layernorm.c", "src/adamw.c"
      ],
      "cflags!": ["-O2", "-O0", "-Os"],
      "cflags": ["-std=gnu11", "-O3", "-ffp-contract=off", "-fno-math-errno", "-fno-strict-aliasing", "-Wall", "-Wno-unused-function", "-Wno-psabi"],
      "xcode_settings": {
        "GCC_OPTIMIZATION_LEVEL": "3",
        "OTHER_CFLAGS": ["-std=gnu11", "-ffp-contract=off", "-fno-math-errno"]
      },
      "defines": ["NAPI_DISABLE_CPP_EXCEPTIONS"]
    }
  ]
}
