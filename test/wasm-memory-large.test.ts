/**
 * The wasm memory near wasm32's limits: beyond 2 GiB addresses no longer fit a signed 32-bit
 * int (so no `>>` on them), and at 4 GiB (65536 pages) a request that cannot fit must fail at
 * once with a clear message instead of growing by nothing forever. Untouched wasm pages are
 * not committed, so these big memories cost little real RAM.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { wasmBuildsSupported } from "../src/backend/wasm/index.js";
import { LinearMemory } from "../src/backend/wasm/memory.js";
import { moduleBytes } from "../src/backend/wasm/features.js";
import { createWasmKernels } from "../src/backend/wasm/kernels.js";
import type { KernelExports } from "../src/backend/wasm/exports.js";
import { assertClose } from "./helpers/close.js";

const GiB = 2 ** 30;
const build = wasmBuildsSupported()[0];

describe("wasm memory beyond 2 GiB", () => {
  test("views, zeroing, in-place kernels and copies at addresses above 2 GiB", { skip: !build }, () => {
    const mem = new LinearMemory(4096, { initialBytes: 1 << 20 });
    mem.reserve(2.25 * GiB, true);
    assert.ok(mem.buffer.byteLength > 2.25 * GiB);
    const high = mem.reserve(1 << 20, true);
    assert.ok(high > 2 * GiB, `region at ${high}`);
    new Float32Array(mem.buffer, high, 4).set([1, 2, 3, 4]);
    mem.release(high);
    assert.equal(mem.reserve(1 << 20, true), high, "the same space again, dirty now");
    assert.deepEqual(Array.from(new Float32Array(mem.buffer, high, 4)), [0, 0, 0, 0], "zeroed on reuse");

    const module = new WebAssembly.Module(moduleBytes(build!, mem.shared) as BufferSource);
    const X = new WebAssembly.Instance(module, { env: { memory: mem.memory } }).exports as unknown as KernelExports;
    X.setWorkspace(mem.reserve(X.workspaceBytes(), false));
    const k = createWasmKernels(X, mem);
    const inPlace = new Float32Array(mem.buffer, high, 4);
    inPlace.set([1, 2, 3, 4]);
    k.add(inPlace, inPlace, inPlace, 4);
    assert.deepEqual(Array.from(inPlace), [2, 4, 6, 8], "zero-copy view above 2 GiB");
    const out = new Float32Array(4);
    k.exp(out, Float32Array.from([0, 1, -1, 2]), 4); // copied through a scratch region above 2 GiB
    assertClose(out, [1, Math.E, 1 / Math.E, Math.E ** 2], "copy-in path above 2 GiB");
  });

  test("a request that cannot fit under 4 GiB fails at once, with the sizes in one line", () => {
    const mem = new LinearMemory(4096, { initialBytes: 1 << 20 });
    assert.throws(() => mem.reserve(5 * GiB, false), /^RangeError: wasm memory: .*4 GiB/);
    mem.reserve(3.9 * GiB, false);
    const message = (() => {
      try {
        mem.reserve(200 * 2 ** 20, false);
      } catch (e) {
        return String(e);
      }
      return "no error";
    })();
    assert.match(message, /^RangeError: wasm memory: cannot reserve 200 MiB: .*4 GiB/);
    assert.ok(!message.includes("\n"), "one line");
    assert.ok(mem.reserve(1 << 20, false) > 3.9 * GiB, "what still fits is still handed out");
  });
});
