import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";
import { fixture } from "./helpers/fixtures.js";
import { assertClose } from "./helpers/close.js";

const nb = fixture<any>("torch/notebook.json");
const SEED = 2147483647;

test("rand(3) with seed 2147483647 prints the notebook's tensor([0.7081, 0.3542, 0.1054])", () => {
  const g = new mm.Generator().manualSeed(SEED);
  const p = mm.rand(3, { generator: g });
  assert.deepEqual(p.tolist(), nb.rand3);
  assert.equal(p.toString(), nb.rand3_fmt);
  const q = p.div(p.sum());
  assert.deepEqual(q.tolist(), nb.rand3_normalised);
  assert.equal(q.toString(), nb.rand3_normalised_fmt);
  assert.deepEqual(mm.multinomial(q, 100, { replacement: true, generator: g, torch113: true }).tolist(), nb.multinomial100);
});

test("the 'emma' 5-example forward pass gives loss 3.7693049907684326", () => {
  const g = new mm.Generator().manualSeed(SEED);
  const W = mm.randn([27, 27], { generator: g });
  assert.deepEqual(W.flatten().tolist(), nb.emma_forward.W);
  const xs = mm.tensor(nb.emma_forward.xs);
  const ys = mm.tensor(nb.emma_forward.ys);
  const xenc = mm.oneHot(xs, 27).float();
  const logits = xenc.matmul(W);
  assert.deepEqual(logits.tolist(), W.index([xs]).tolist(), "one_hot @ W picks W's rows exactly");
  const counts = logits.exp();
  const probs = counts.div(counts.sum(1, { keepdim: true }));
  const loss = probs
    .index([mm.arange(5), ys])
    .log()
    .neg()
    .mean();
  assert.equal(loss.item(), 3.7693049907684326);
  nb.emma_forward.examples.forEach((ex: any, i: number) => assertClose(probs.select(0, i).flat(), ex.probs, `probs row ${i}`));
});

test("broadcasting: keepdim divides by row sums, without keepdim by column sums", () => {
  const N = mm.tensor(nb.N, { dtype: "float32" });
  const rowSums = N.sum(1, { keepdim: true });
  assert.deepEqual(rowSums.shape, [27, 1]);
  const P = N.div(rowSums);
  assert.deepEqual(P.select(0, 0).tolist(), nb.p_row0);
  assert.equal(P.select(0, 0).toString(), nb.p_row0_fmt);
  const rows = P.sum(1).tolist() as number[];
  rows.forEach((s, i) => assert.ok(Math.abs(s - 1) < 1e-6, `row ${i} sums to ${s}`));
  const wrong = N.div(N.sum(1)); // (27,27) / (27,) → each column j divided by row-sum j
  const sums = N.sum(1).tolist() as number[];
  for (const [i, j] of [
    [0, 1],
    [3, 5],
    [26, 0],
  ])
    assert.equal(wrong.index([i, j]).item(), Math.fround(nb.N[i][j] / sums[j]));
  assert.throws(() => N.div(mm.ones(26)), /\(27, 27\) and \(26,\)/);
});

test("printing follows torch's repr", () => {
  assert.equal(
    mm
      .tensor([
        [1, 2],
        [3, 4],
      ])
      .toString(),
    "tensor([[1, 2],\n        [3, 4]])",
  );
  assert.equal(mm.zeros([2, 2]).toString(), "tensor([[0., 0.],\n        [0., 0.]])");
  assert.equal(mm.tensor([1.5, -2e-5]).toString(), "tensor([ 1.5000e+00, -2.0000e-05])");
  assert.equal(mm.tensor([true, false]).toString(), "tensor([ True, False])");
  assert.equal(mm.ones(2, { requiresGrad: true }).toString(), "tensor([1., 1.], requires_grad=True)");
  assert.equal(mm.ones(2, { requiresGrad: true }).mul(2).toString(), "tensor([2., 2.], grad_fn=<MulBackward0>)");
  assert.equal(mm.arange(2000).toString(), "tensor([   0,    1,    2,  ..., 1997, 1998, 1999])");
  assert.equal(mm.tensor(3.25, { dtype: "float32" }).toString(), "tensor(3.2500)");
  assert.equal(mm.tensor([0.03125, 1]).toString(), "tensor([0.0312, 1.0000])", "ties round half to even, like Python");
});

test("tensor basics: tolist, item, shape, numel, keepdim sums", () => {
  const t = mm.tensor([
    [1, 2],
    [3, 4],
  ]);
  assert.deepEqual(t.sum(1, { keepdim: true }).tolist(), [[3], [7]]);
  assert.deepEqual(t.shape, [2, 2]);
  assert.equal(t.numel(), 4);
  assert.equal(t.sum().item(), 10);
  assert.deepEqual(mm.eye(3).tolist(), [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ]);
  assert.deepEqual(mm.tril(mm.ones([3, 3])).tolist(), [
    [1, 0, 0],
    [1, 1, 0],
    [1, 1, 1],
  ]);
  assert.deepEqual(mm.full([2], 7).tolist(), [7, 7]);
  assert.deepEqual(mm.arange(1, 7, 2).tolist(), [1, 3, 5]);
  assert.throws(() => t.item(), /2 elements|4 elements/);
});

test("bad calls throw errors that name the shapes or values", () => {
  assert.throws(() => mm.ones([5, 27]).matmul(mm.ones([26, 27])), /\(5, 27\) and \(26, 27\)/);
  assert.throws(() => mm.ones([3, 4]).view([5, 3]), /\(5, 3\).*size 12/);
  assert.throws(() => mm.ones([27, 4]).index([mm.tensor([27])]), /index 27 is out of bounds for dimension 0 with size 27/);
  assert.throws(() => mm.ones([27, 4]).index([mm.tensor([0.5])]), /integer tensors/);
  assert.throws(() => mm.embedding(mm.tensor([30]), mm.ones([27, 2])), /index 30 is out of range/);
  assert.throws(() => mm.crossEntropy(mm.ones([2, 3]), mm.tensor([0.5, 1])), /integer class indices/);
  assert.throws(() => mm.cat([mm.ones([2, 3]), mm.ones([2, 4])], 0), /\(2, 3\) and \(2, 4\)/);
  assert.throws(() => mm.ones([2]).sum(2), /dim 2 is out of range/);
  assert.throws(() => mm.ones([2, 2]).maskedFill(mm.ones([2, 2]), 0), /boolean masks/);
  assert.throws(() => mm.tensor([1, 2]).exp().backward(), /does not require grad/);
});

test("tensor(): whole numbers are int32, but float32 when they require grad (JS has no 1.0 literal)", () => {
  assert.equal(
    mm.tensor([
      [1, 2],
      [3, 4],
    ]).dtype,
    "int32",
  );
  const x = mm.tensor(
    [
      [1, 2],
      [3, 4],
    ],
    { requiresGrad: true },
  );
  assert.equal(x.dtype, "float32");
  x.pow(2).sum().backward();
  assert.deepEqual(x.grad!.tolist(), [
    [2, 4],
    [6, 8],
  ]);
  assert.throws(() => mm.tensor([1, 2], { dtype: "int32", requiresGrad: true }), /only floating point tensors can require gradients/);
});

test("autograd: += accumulation across backward calls, zeroGrad, noGrad, detach", () => {
  const x = mm.tensor([1, 2, 3], { dtype: "float32", requiresGrad: true });
  const y = x.mul(x).sum(); // dy/dx = 2x
  y.backward();
  assert.deepEqual(x.grad!.tolist(), [2, 4, 6]);
  x.mul(3).sum().backward();
  assert.deepEqual(x.grad!.tolist(), [5, 7, 9], "gradients add up until zeroed");
  x.grad = null;
  const z = mm.noGrad(() => x.mul(2));
  assert.equal(z.requiresGrad, false);
  assert.equal(x.detach().requiresGrad, false);
  // a tensor used twice: d(x·x·x)/dx = 3x²
  const a = mm.tensor([2], { dtype: "float32", requiresGrad: true });
  a.mul(a).mul(a).sum().backward();
  assert.deepEqual(a.grad!.tolist(), [12]);
  assert.throws(() => x.add_(1), /in-place/);
  mm.noGrad(() => x.add_(1));
  assert.deepEqual(x.tolist(), [2, 3, 4]);
});

test("Linear init after manualSeed(3407) equals torch's nn.Linear(64, 192)", () => {
  const r = fixture<any>("torch/rng.json").nn_init_3407;
  mm.manualSeed(3407);
  const lin = new mm.Linear(64, 192);
  const emb = new mm.Embedding(27, 64);
  assert.deepEqual(lin.weight.flatten().tolist().slice(0, 10), r.linear_weight_first10);
  assert.deepEqual(lin.bias!.tolist().slice(0, 10), r.linear_bias_first10);
  assert.deepEqual(emb.weight.flatten().tolist().slice(0, 10), r.embedding_weight_first10);
  assert.deepEqual(mm.rand(3).tolist(), r.next_rand3);
  assert.deepEqual([...lin.stateDict().keys()], ["weight", "bias"]);
});
