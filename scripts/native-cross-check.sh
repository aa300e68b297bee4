#!/usr/bin/env bash
# Builds native/test/harness.c with the kernels (no Node) and runs it: natively, and for arm64
# under qemu where aarch64-linux-gnu-gcc and qemu-aarch64 exist (apt-get install
# gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user), which checks the NEON micro-kernel.
set -euo pipefail
cd "$(dirname "$0")/../native"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
srcs="src/matmul.c src/cpu.c src/workspace.c src/gemm-generic.c src/gemm-avx2.c src/gemm-avx512.c src/gemm-neon.c src/attention.c src/attention16.c src/layernorm.c src/adamw.c"
flags="-std=gnu11 -O3 -ffp-contract=off -fno-math-errno -Wall -Wno-unused-function -Wno-psabi"
# the harness itself at -O1: aarch64 GCC 12 crashes vectorizing its error reductions (an ICE)
${CC:-cc} -O1 -c test/harness.c -o "$out/harness.o"
${CC:-cc} $flags "$out/harness.o" $srcs -o "$out/harness" -lm
"$out/harness"
if command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null; then
  aarch64-linux-gnu-gcc -O1 -c test/harness.c -o "$out/harness-arm64.o"
  aarch64-linux-gnu-gcc $flags "$out/harness-arm64.o" $srcs -o "$out/harness-arm64" -lm
  qemu-aarch64 -L /usr/aarch64-linux-gnu "$out/harness-arm64"
else
  echo "native-cross-check: no aarch64 cross compiler or qemu-aarch64: the NEON kernel was not run"
fi
