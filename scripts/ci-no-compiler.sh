#!/usr/bin/env bash
# The install on a machine without a C compiler: a copy of the repository's tracked files (as a
# fresh clone has them) installed with no compiler to be found: CC and CXX unset, and cc, gcc,
# clang, c++, g++, clang++ shadowed on PATH by stubs that fail, as on a machine without them.
# The install must succeed, say in one line that the wasm backend will be used, leave no addon,
# pick wasm for "auto", and pass npm test (the whole suite, on wasm). Then the build script alone
# with CC=false must skip the same way.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$tmp"
mkdir "$tmp/.no-cc"
for c in cc gcc clang c++ g++ clang++; do printf '#!/bin/sh\necho "%s: hidden by ci-no-compiler.sh" >&2\nexit 127\n' "$c" > "$tmp/.no-cc/$c"; chmod +x "$tmp/.no-cc/$c"; done
cd "$tmp"
env -u CC -u CXX PATH="$tmp/.no-cc:$PATH" npm ci --no-audit --no-fund > install.log 2>&1 || { cat install.log; echo "ci-no-compiler: npm ci failed without a compiler"; exit 1; }
grep -q "makemore: native kernels not built (.*): the wasm backend will be used" install.log || { cat install.log; echo "ci-no-compiler: no 'wasm backend will be used' line"; exit 1; }
grep "makemore: native kernels" install.log
test ! -e native/build/Release/makemore_native.node || { echo "ci-no-compiler: an addon was built"; exit 1; }
env -u MAKEMORE_BACKEND node --input-type=module -e 'import * as mm from "makemore"; const n = mm.backendName(); console.log(`ci-no-compiler: auto picks ${n}`); if (!n.startsWith("wasm")) process.exit(1);'
npm test > test.log 2>&1 || { tail -40 test.log; echo "ci-no-compiler: npm test failed without the native addon"; exit 1; }
grep -E "^# (pass|fail)" test.log
CC=false CXX=false node scripts/build-native.mjs | tee build.out
grep -q "makemore: native kernels not built (the C compiler CC=false does not run): the wasm backend will be used" build.out
echo "ci-no-compiler: ok"
