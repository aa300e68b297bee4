import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";

// checkFits lets a model use up to wasm32's 4 GiB; the memory's bookkeeping must hold past
// 2 GiB, where int32 bit operations (x >> 3, x & ~7) turn addresses negative. Fresh wasm pages
// are not backed until touched, so this reserves 2.25 GiB but writes only a few pages.
test("wasm memory past 2 GiB: it grows, and zero-filled space above 2 GiB reads as zeros", { skip: !mm.activeBackend().memory && "no wasm backend" }, () => {
  const arena = (mm.activeBackend() as mm.WasmBackend).arena();
  try {
    const n = (2.25 * 1024 ** 3) / 4;
    const big = arena.alloc("float32", n, true) as Float32Array;
    assert.equal(big.length, n);
    assert.ok(big.byteOffset + big.byteLength > 2 ** 31, "the view reaches past 2 GiB");
    big.fill(7, n - 1024);
    arena.reset();
    arena.alloc("float32", n - 1024, true);
    const reused = arena.alloc("float32", 1024) as Float32Array; // zeroed: this space was written before
    assert.ok(reused.byteOffset > 2 ** 31, `at ${reused.byteOffset}`);
    assert.ok(
      reused.every((x) => x === 0),
      "the reused space above 2 GiB was zeroed",
    );
  } finally {
    arena.release();
  }
});
