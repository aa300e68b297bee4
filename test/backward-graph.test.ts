import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";

// torch 1.13's message, checked with /usr/bin/python3: y = (x*x).sum(); y.backward(); y.backward()
const secondTime = /Error: Trying to backward through the graph a second time .*retainGraph: true/;

test("backward() twice through the same graph raises torch's error instead of accumulating", () => {
  const x = mm.tensor([1, 2, 3], { requiresGrad: true });
  const y = x.mul(x).sum();
  y.backward();
  assert.deepEqual(x.grad!.tolist(), [2, 4, 6]);
  assert.throws(() => y.backward(), secondTime);
  assert.deepEqual(x.grad!.tolist(), [2, 4, 6], "the failed call added nothing");
  assert.equal(y.isLeaf, false, "a freed node is still not a leaf (torch keeps its grad_fn)");
});

test("a graph kept with retainGraph: true backpropagates again and the leaf's grads add up", () => {
  const x = mm.tensor([1, 2, 3], { requiresGrad: true });
  const y = x.mul(x).sum();
  y.backward(undefined, { retainGraph: true });
  y.backward();
  assert.deepEqual(x.grad!.tolist(), [4, 8, 12]);
  assert.throws(() => y.backward(), secondTime, "the second call did not retain it");
});

test("reusing an intermediate of a freed graph in a new graph raises too", () => {
  const x = mm.tensor([1, 2], { requiresGrad: true });
  const h = x.mul(x);
  h.sum().backward();
  assert.throws(() => h.mul(3).sum().backward(), secondTime);
});

test("leaves accumulate across separate graphs, as in torch", () => {
  const w = mm.tensor([2, -1], { requiresGrad: true });
  for (let i = 0; i < 3; i++) w.mul(w).sum().backward();
  assert.deepEqual(w.grad!.tolist(), [12, -6]);
});

test("backward frees the graph: every node's saved inputs and closure are dropped", () => {
  const x = mm.tensor([1, 2], { requiresGrad: true });
  const a = x.exp();
  const b = a.mul(x);
  const y = b.sum();
  y.backward();
  for (const node of [a, b, y]) {
    assert.equal(node.gradFn!.inputs.length, 0, `${node.gradFn!.name} still holds its inputs`);
  }
});
