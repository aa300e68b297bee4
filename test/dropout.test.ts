/**
 * Dropout against torch 1.13's CPU F.dropout (test/fixtures/dropout/dropout.json, made by
 * make_goldens.py there): masks, outputs and gradients bit for bit (-0 included), and where the
 * default generator stands afterwards. Plus the data-parallel shard: rows [a, b) of a batch get
 * exactly those rows of the whole batch's mask, and the generator ends where it would.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";
import { fixture } from "./helpers/fixtures.js";

interface Case {
  seed: number;
  shape: number[];
  p: number;
  transposed: boolean;
  x: number[];
  g: number[];
  y: number[];
  grad: number[];
  rand_after: number[];
}
const D = fixture<{ cases: Case[]; module: any; interleaved: any }>("dropout/dropout.json");
const rand = (n: number, g?: mm.Generator) => mm.rand(n, { generator: g }).tolist();

/** x as the golden built it: a transposed case is a (cols, rows) view of a contiguous (rows, cols) tensor. */
function input(c: Case): mm.Tensor {
  if (!c.transposed) return mm.tensor(c.x).reshape(c.shape).detach().requiresGrad_(true);
  const [r, k] = c.shape;
  const base = mm.tensor(c.x).reshape([r, k]).transpose(0, 1).contiguous().detach().requiresGrad_(true);
  return base.transpose(0, 1);
}

for (const c of D.cases) {
  const name = `F.dropout(p=${c.p.toFixed(4)}, shape [${c.shape}]${c.transposed ? ", transposed" : ""}), seed ${c.seed}`;
  test(`${name}: output, gradient and stream position equal torch's`, () => {
    const x = input(c);
    assert.equal(x.isContiguous(), !c.transposed);
    mm.manualSeed(c.seed);
    const y = mm.dropout(x, { p: c.p });
    assert.deepEqual(y.flat().length, c.y.length);
    assert.deepEqual(y.contiguous().tolist().flat(Infinity), c.y);
    assert.deepEqual(rand(3), c.rand_after, "the default generator continues as torch's");
    if (c.p === 0) {
      assert.equal(y, x, "p = 0 returns the input itself");
      return;
    }
    const leaf = c.transposed ? x.gradFn!.inputs[0] : x; // before backward, which frees the graph
    y.backward(mm.tensor(c.g).reshape(c.shape));
    const grad = c.transposed ? leaf.grad!.transpose(0, 1).contiguous() : leaf.grad!;
    assert.deepEqual(grad.flat().length, c.grad.length);
    assert.deepEqual(Array.from(grad.flat()), c.grad, "grad = g · mask / (1 - p)");
  });
}

test("an explicit generator draws the same mask as the default one seeded alike, and leaves the default untouched", () => {
  const c = D.cases.find((k) => k.p === 0.5 && k.shape.length === 2 && !k.transposed)!;
  mm.manualSeed(99);
  const before = rand(1);
  mm.manualSeed(99);
  const g = new mm.Generator(c.seed);
  const y = mm.dropout(mm.tensor(c.x).reshape(c.shape), { p: c.p, generator: g });
  assert.deepEqual(y.tolist().flat(), c.y);
  assert.deepEqual(rand(3, g), c.rand_after);
  assert.deepEqual(rand(1), before);
});

test("nn.Dropout: eval() returns x and draws nothing; train() draws torch's mask", () => {
  const m = D.module;
  mm.manualSeed(m.seed);
  const drop = new mm.Dropout(m.p);
  const x = mm.randn([4, 8]);
  assert.deepEqual(x.tolist().flat(), m.x, "our randn is torch's");
  drop.eval();
  const yEval = drop.forward(x);
  assert.equal(yEval, x);
  drop.train();
  assert.deepEqual(drop.forward(x).tolist().flat(), m.y_train);
  assert.deepEqual(rand(2), m.rand_after);
});

test("dropout interleaved with randn on one stream follows torch", () => {
  const d = D.interleaved;
  mm.manualSeed(d.seed);
  const a = mm.ones([3, 7]);
  assert.deepEqual(mm.dropout(a, { p: 0.3 }).tolist().flat(), d.d1);
  assert.deepEqual(mm.randn(20).tolist(), d.randn20);
  assert.deepEqual(mm.dropout(a, { p: 0.6 }).tolist().flat(), d.d2);
  assert.deepEqual(rand(2), d.rand_after);
});

test("dropout: training false and empty inputs draw nothing; bad probabilities are rejected by name", () => {
  const g = new mm.Generator(1);
  const x = mm.randn([3, 3]);
  assert.equal(mm.dropout(x, { p: 0.5, training: false, generator: g }), x);
  const empty = mm.zeros([0, 4]);
  assert.equal(mm.dropout(empty, { p: 0.5, generator: g }), empty);
  assert.deepEqual(rand(2, g), rand(2, new mm.Generator(1)));
  assert.throws(() => mm.dropout(x, { p: 1.5 }), /^RangeError: dropout probability must be in \[0, 1\], got 1.5$/);
  assert.throws(() => mm.dropout(x, { p: -0.1 }), /dropout probability must be in \[0, 1\], got -0.1/);
  assert.throws(() => mm.dropout(x, { p: NaN }), /got NaN/);
  assert.throws(() => new mm.Dropout(2), /dropout probability must be in \[0, 1\], got 2/);
  assert.throws(() => mm.dropout(mm.tensor([1, 2]), { p: 0.5 }), /floating point/);
});

test("Generator.discard(n) leaves the stream where n random() calls would, across regenerations", () => {
  for (const [warm, n] of [
    [0, 0],
    [0, 1],
    [0, 623],
    [0, 624],
    [0, 625],
    [5, 619],
    [5, 620],
    [300, 2000],
    [623, 1],
    [1, 1248],
  ]) {
    const a = new mm.Generator(7);
    const b = new mm.Generator(7);
    for (let i = 0; i < warm; i++) (a.random(), b.random());
    for (let i = 0; i < n; i++) a.random();
    b.discard(n);
    assert.deepEqual(b.getState(), a.getState(), `warm ${warm}, discard ${n}`);
    assert.equal(b.random(), a.random());
  }
  assert.throws(() => new mm.Generator(1).discard(-1), /non-negative integer/);
});

test("Generator.randomFill(out) gives the words random() would, across regenerations", () => {
  for (const [warm, n] of [
    [0, 1],
    [0, 624],
    [0, 625],
    [5, 619],
    [5, 620],
    [300, 2000],
    [623, 1],
  ]) {
    const a = new mm.Generator(3);
    const b = new mm.Generator(3);
    for (let i = 0; i < warm; i++) (a.random(), b.random());
    const words = new Uint32Array(n);
    b.randomFill(words);
    assert.deepEqual(
      Array.from(words),
      Array.from({ length: n }, () => a.random()),
      `warm ${warm}, ${n} words`,
    );
    assert.deepEqual(b.getState(), a.getState());
  }
});

test("withDropoutShard: each worker's rows get the whole batch's mask rows, and the generator ends where one worker's would", () => {
  const B = 5;
  const x = mm.randn([B, 3, 4]);
  const whole = new mm.Generator(11);
  const full = mm.dropout(x, { p: 0.4, generator: whole });
  const flatWhole = mm.dropout(x.reshape([B * 3, 4]), { p: 0.4, generator: whole }); // a (B·T, C) site: 3 leading entries per row
  for (const [start, end] of [
    [0, 2],
    [2, 5],
    [4, 5],
    [0, 5],
  ]) {
    const g = new mm.Generator(11);
    const [part, flatPart] = mm.withDropoutShard({ start, end, total: B }, () => [
      mm.dropout(x.narrow(0, start, end - start).contiguous(), { p: 0.4, generator: g }),
      mm.dropout(x.narrow(0, start, end - start).reshape([(end - start) * 3, 4]), { p: 0.4, generator: g }),
    ]);
    assert.deepEqual(part.tolist(), full.narrow(0, start, end - start).tolist(), `rows ${start}..${end}`);
    assert.deepEqual(flatPart.tolist(), flatWhole.narrow(0, start * 3, (end - start) * 3).tolist(), `flattened rows ${start}..${end}`);
    assert.deepEqual(g.getState(), whole.getState(), `generator after rows ${start}..${end}`);
  }
  assert.throws(
    () => mm.withDropoutShard({ start: 0, end: 2, total: B }, () => mm.dropout(mm.randn([3, 2]), { p: 0.5 })),
    /leading dim of 3 is not a multiple of it/,
  );
  assert.throws(() => mm.withDropoutShard({ start: 3, end: 2, total: B }, () => 0), /0 <= start < end <= total/);
});
