import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";
import { assertClose } from "./helpers/close.js";

const BYTES = { float32: 4, float64: 8, int32: 4, bool: 1 } as const;

/** An allocator that counts the bytes a computation asks for (the scratch arena's high-water mark). */
function countingAllocator(): mm.Allocator & { bytes: number } {
  const c = {
    bytes: 0,
    alloc(dtype: mm.DType, n: number) {
      c.bytes += n * BYTES[dtype];
      return mm.heapAllocator.alloc(dtype, n);
    },
  };
  return c;
}

const g = new mm.Generator().manualSeed(11);

function run(V: number, N: number, k: number, C: number, O: number, fused: boolean) {
  const idx = mm.randint(0, V, [N, k], { generator: g.manualSeed(1) });
  const E = mm.randn([V, C], { generator: g.manualSeed(2) }).requiresGrad_();
  const W = mm.randn([O, k * C], { generator: g.manualSeed(3) }).requiresGrad_();
  const b = mm.randn([O], { generator: g.manualSeed(4) }).requiresGrad_();
  const w = mm.randn([N, O], { generator: g.manualSeed(5) });
  const counter = countingAllocator();
  const y = mm.withAllocator(counter, () => {
    const out = fused ? mm.embeddingLinear(idx, E, W, b) : mm.linear(mm.embedding(idx, E).view([N, k * C]), W, b);
    out.mul(w).sum().backward();
    return out;
  });
  return { values: [y, E.grad!, W.grad!, b.grad!].map((t) => Array.from(t.flat())), bytes: counter.bytes };
}

test("embeddingLinear with a vocabulary much larger than the batch: no V×O×k table, the composite's values", () => {
  const [V, N, k, C, O] = [5000, 6, 3, 4, 8];
  const fused = run(V, N, k, C, O, true);
  const composite = run(V, N, k, C, O, false);
  ["output", "dE", "dW", "db"].forEach((name, i) => assertClose(fused.values[i], composite.values[i], `large-V ${name}`, 1e-5, 1e-6));
  const table = V * O * k * 4;
  assert.ok(fused.bytes < table / 2, `a step allocated ${fused.bytes} bytes; the (V, O, k) table alone is ${table}`);
});

test("embeddingLinear with a small vocabulary still takes the tables (cheaper than the concatenation)", () => {
  const [V, N, k, C, O] = [28, 512, 16, 64, 64]; // makemore's MLP on names.txt, batch 32
  const fused = run(V, N, k, C, O, true);
  const composite = run(V, N, k, C, O, false);
  ["output", "dE", "dW", "db"].forEach((name, i) => assertClose(fused.values[i], composite.values[i], `small-V ${name}`, 1e-4, 1e-3));
  assert.ok(fused.bytes < composite.bytes, `tables ${fused.bytes} bytes vs concatenation ${composite.bytes}`);
});
