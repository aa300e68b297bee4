/**
 * The wasm memory layer: regions, allocators, growth, shared memory across worker threads, the
 * non-shared memory variant, and views detached by growth.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadWasmBackend, wasmBuildsSupported } from "../src/backend/wasm/index.js";
import { RegionList } from "../src/backend/wasm/regions.js";
import { LinearMemory, DetachedViewError } from "../src/backend/wasm/memory.js";
import { moduleBytes } from "../src/backend/wasm/features.js";
import { createWasmKernels } from "../src/backend/wasm/kernels.js";
import type { KernelExports } from "../src/backend/wasm/exports.js";
import { withAllocator } from "../src/tensor/storage.js";
import * as mm from "makemore";
import { assertClose } from "./helpers/close.js";

describe("wasm memory", () => {
  test("RegionList: first fit, coalescing, and top shrinking back", () => {
    const r = new RegionList(1000);
    const a = r.take(100)!,
      b = r.take(64)!,
      c = r.take(10)!;
    assert.deepEqual([a.start, b.start, c.start], [1024, 1152, 1216]);
    assert.ok(!a.dirty && !b.dirty && !c.dirty);
    r.give(b.start);
    assert.deepEqual(r.take(30), { start: 1152, dirty: true });
    r.give(1152);
    r.give(a.start); // merges with b's hole
    assert.equal(r.take(190)!.start, 1024);
    r.give(1024);
    r.give(c.start); // last region: everything returns to top
    assert.equal(r.top, 1024);
    assert.equal(r.take(64)!.dirty, true, "space handed out before is not pristine");
    assert.throws(() => r.give(5), /no region/);
  });

  test("RegionList: a limit, and skipping space another thread owns", () => {
    const r = new RegionList(0);
    assert.equal(r.take(64, 100)!.start, 0);
    assert.equal(r.take(64, 100), null, "beyond the limit");
    r.skipTo(4096, 1024); // [64, 1024) is still ours, [1024, 4096) is not
    assert.equal(r.take(64)!.start, 64, "our own slack is used first");
    assert.equal(r.take(2000)!.start, 4096, "fresh space starts after the foreign pages");
  });

  test("two handles on one memory (as two threads would) never share bytes", () => {
    const a = new LinearMemory(4096, { initialBytes: 1 << 20 });
    const b = new LinearMemory(4096, { attach: a.memory });
    const taken: [number, number][] = [];
    for (let i = 0; i < 12; i++) {
      const who = i % 3 === 0 ? b : a;
      const bytes = (i + 1) * 150_000;
      taken.push([who.reserve(bytes, true), bytes]);
    }
    taken.sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < taken.length; i++) assert.ok(taken[i - 1][0] + taken[i - 1][1] <= taken[i][0], `regions ${i - 1} and ${i} overlap`);
    assert.ok(taken[taken.length - 1][0] + taken[taken.length - 1][1] <= a.memory.buffer.byteLength);
  });

  const wasm = loadWasmBackend();
  test("loads (when wasm SIMD exists)", { skip: !wasm }, () => {
    assert.ok(wasm!.shared, "Node has SharedArrayBuffer, so the memory is shared");
    assert.ok(wasm!.memory.buffer instanceof SharedArrayBuffer);
  });

  test("arena: zero-filled, 16-byte aligned, typed, reusable after reset", { skip: !wasm }, () => {
    const arena = wasm!.arena({ chunkBytes: 4096 });
    const a = arena.alloc("float32", 3) as Float32Array;
    const b = arena.alloc("float64", 5);
    const c = arena.alloc("int32", 7);
    const d = arena.alloc("bool", 9);
    assert.ok(a instanceof Float32Array && b instanceof Float64Array && c instanceof Int32Array && d instanceof Uint8Array);
    for (const v of [a, b, c, d]) {
      assert.equal(v.byteOffset % 16, 0);
      assert.ok(v.every((x: number) => x === 0));
      assert.ok(wasm!.owns(v));
    }
    a.fill(7);
    const big = arena.alloc("float32", 5000); // larger than a chunk: its own chunk
    assert.equal(big.length, 5000);
    arena.reset();
    const a2 = arena.alloc("float32", 3);
    assert.equal(a2.byteOffset, a.byteOffset, "reset hands out the same space again");
    assert.deepEqual(Array.from(a2), [0, 0, 0], "and zeroes it");
    arena.release();
  });

  test("withAllocator: tensors live in the arena and ops run in place", { skip: !wasm }, () => {
    const prev = mm.activeBackend();
    const arena = wasm!.arena();
    mm.useBackend(wasm!);
    try {
      withAllocator(arena, () => {
        const x = mm.tensor(
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          { dtype: "float32" },
        );
        const y = x.softmax(1);
        assert.ok(wasm!.owns(y.storage));
        assertClose(y.flat(), [0.09003057, 0.24472847, 0.66524096, 0.09003057, 0.24472847, 0.66524096], "softmax");
      });
    } finally {
      mm.useBackend(prev);
      arena.release();
    }
  });

  test("growth: shared views from before a growth stay valid and zero-copy", { skip: !wasm }, () => {
    const store = wasm!.region();
    const early = store.alloc("float32", 8) as Float32Array;
    early.set([1, 2, 3, 4, 5, 6, 7, 8]);
    const before = wasm!.memory.buffer.byteLength;
    const huge = store.alloc("float32", (before >> 2) + 1024); // forces the memory to grow
    assert.ok(wasm!.memory.buffer.byteLength > before);
    assert.notEqual(early.buffer, wasm!.memory.buffer, "a new SharedArrayBuffer object after growth");
    assert.ok(wasm!.owns(early), "old buffer objects are still recognised");
    wasm!.kernels.add(early, early, early, 8);
    assert.deepEqual(Array.from(early), [2, 4, 6, 8, 10, 12, 14, 16]);
    assert.equal(huge[huge.length - 1], 0);
    store.release();
  });

  test("a worker thread attaches to the same memory and works on the main thread's tensors", { skip: !wasm }, async () => {
    const store = wasm!.region();
    const x = store.alloc("float32", 6) as Float32Array;
    x.set([0, 1, 2, 3, 4, 5]);
    const loader = new URL("../src/backend/wasm/index.js", import.meta.url).href;
    // the worker loads the same build on the posted memory, takes its own space, runs exp in
    // place on the main thread's array and reports where its own arena landed
    const code = `
      const { parentPort, workerData } = require("node:worker_threads");
      import(workerData.loader).then(({ loadWasmBackend }) => {
        const w = loadWasmBackend({ build: workerData.build, memory: workerData.memory });
        const x = new Float32Array(w.memory.buffer, workerData.offset, 6);
        w.kernels.exp(x, x, 6);
        const own = w.arena().alloc("float32", 1000);
        parentPort.postMessage({ name: w.name, owns: w.owns(x), ownOffset: own.byteOffset });
      });`;
    const { Worker } = await import("node:worker_threads");
    const worker = new Worker(code, { eval: true, workerData: { loader, build: wasm!.build, memory: wasm!.memory, offset: x.byteOffset } });
    const reply = await new Promise<{ name: string; owns: boolean; ownOffset: number }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    assert.equal(reply.name, wasm!.name);
    assert.ok(reply.owns);
    assertClose(x, [0, 1, 2, 3, 4, 5].map(Math.exp), "exp computed by the worker, in place");
    // the worker's own arena is fresh space, not anything this thread holds
    const mine = store.alloc("float32", 1000) as Float32Array;
    assert.ok(reply.ownOffset + 4000 <= mine.byteOffset || mine.byteOffset + 4000 <= reply.ownOffset);
    store.release();
  });

  test("non-shared memory: patched module runs; views detached by growth are refused", () => {
    const build = wasmBuildsSupported()[0];
    if (!build) return;
    const mem = new LinearMemory(4096, { shared: false, initialBytes: 1 << 20 });
    assert.equal(mem.shared, false);
    const module = new WebAssembly.Module(moduleBytes(build, false) as BufferSource);
    const X = new WebAssembly.Instance(module, { env: { memory: mem.memory } }).exports as unknown as KernelExports;
    X.setWorkspace(mem.reserve(X.workspaceBytes(), false));
    const k = createWasmKernels(X, mem);
    const out = new Float32Array(4);
    k.exp(out, Float32Array.from([0, 1, -1, 2]), 4);
    assertClose(out, [1, Math.E, 1 / Math.E, Math.E ** 2], "exp on non-shared memory");
    const p = mem.reserve(64, true);
    const view = new Float32Array(mem.buffer, p, 4);
    assert.ok(mem.owns(view));
    mem.reserve(4 << 20, false); // grows: the old ArrayBuffer detaches
    assert.throws(() => k.exp(view, view, 4), DetachedViewError);
    const fresh = new Float32Array(mem.buffer, p, 4);
    fresh.set([0, 0, 0, 0]);
    k.exp(fresh, fresh, 4);
    assert.deepEqual(Array.from(fresh), [1, 1, 1, 1]);
  });
});
