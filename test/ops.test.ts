import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";
import type { Tensor } from "makemore";
import { fixture } from "./helpers/fixtures.js";
import { assertClose } from "./helpers/close.js";
import { forEachBackend, useBackend } from "./helpers/backends.js";

interface InputCase {
  shape: number[];
  dtype: string;
  values: number[];
  layout: any[] | null;
  requires_grad: boolean;
}
interface OutputCase {
  shape: number[];
  dtype: string;
  values: number[];
  weight?: number[];
}
interface OpCase {
  name: string;
  op: string;
  args: any;
  inputs: InputCase[];
  outputs: OutputCase[];
  grads: (number[] | null)[];
}

const golden = fixture<{ cases: OpCase[] }>("ops/ops.json");

function applyLayout(base: Tensor, layout: any[] | null): Tensor {
  if (!layout) return base;
  switch (layout[0]) {
    case "T":
      return base.transpose(-2, -1);
    case "slice": {
      const [, dim, start, stop, step] = layout;
      const specs: mm.IndexSpec[] = base.shape.map(() => null);
      specs[dim] = mm.slice(start, stop, step);
      return base.index(specs);
    }
    case "expand":
      return base.expand(layout[1]);
  }
  throw new Error(`unknown layout ${layout[0]}`);
}

type Run = (xs: Tensor[], a: any) => Tensor | Tensor[] | { values: Tensor; indices: Tensor };

// Each golden op, spelled the way a user of this library writes it.
const OPS: Record<string, Run> = {
  add: ([a, b]) => a.add(b),
  sub: ([a, b]) => a.sub(b),
  mul: ([a, b]) => a.mul(b),
  div: ([a, b]) => a.div(b),
  maximum: ([a, b]) => mm.maximum(a, b),
  minimum: ([a, b]) => mm.minimum(a, b),
  pow: ([a, b]) => a.pow(b),
  div_rowsum: ([a], o) => a.div(a.sum(1, { keepdim: o.keepdim })),
  add_scalar: ([a], o) => a.add(o.s),
  mul_scalar: ([a], o) => a.mul(o.s),
  div_scalar: ([a], o) => a.div(o.s),
  rsub_scalar: ([a], o) => mm.sub(o.s, a),
  pow_scalar: ([a], o) => a.pow(o.p),
  neg: ([a]) => a.neg(),
  exp: ([a]) => a.exp(),
  log: ([a]) => a.log(),
  tanh: ([a]) => a.tanh(),
  sigmoid: ([a]) => a.sigmoid(),
  relu: ([a]) => a.relu(),
  sqrt: ([a]) => a.sqrt(),
  abs: ([a]) => a.abs(),
  clamp: ([a], o) => a.clamp({ min: o.min ?? undefined, max: o.max ?? undefined }),
  gelu: ([a], o) => mm.gelu(a, { approximate: o.approximate }),
  masked_fill: ([a, m], o) => a.maskedFill(m, o.value),
  masked_fill_tril: ([a], o) => {
    const T = a.shape[a.ndim - 1];
    return a.maskedFill(mm.tril(mm.ones([T, T])).eq(0), o.value);
  },
  where: ([c, a, b]) => mm.where(c, a, b),
  sum: ([a], o) => a.sum(o.dim, { keepdim: o.keepdim }),
  mean: ([a], o) => a.mean(o.dim, { keepdim: o.keepdim }),
  max_all: ([a]) => a.max(),
  max_dim: ([a], o) => a.max(o.dim, { keepdim: o.keepdim }),
  min_dim: ([a], o) => a.min(o.dim, { keepdim: o.keepdim }),
  amax: ([a], o) => a.amax(o.dim, { keepdim: o.keepdim }),
  argmax: ([a], o) => a.argmax(o.dim),
  var: ([a], o) => a.var(o.dim, { unbiased: o.unbiased, keepdim: o.keepdim }),
  std: ([a], o) => a.std(o.dim, { unbiased: o.unbiased, keepdim: o.keepdim }),
  logsumexp: ([a], o) => a.logsumexp(o.dim, { keepdim: o.keepdim }),
  matmul: ([a, b]) => a.matmul(b),
  linear: ([x, w, b]) => mm.linear(x, w, b),
  view: ([a], o) => a.view(o.shape),
  reshape: ([a], o) => a.reshape(o.shape),
  transpose: ([a], o) => a.transpose(o.dim0, o.dim1),
  permute: ([a], o) => a.permute(o.dims),
  expand: ([a], o) => a.expand(o.shape),
  squeeze: ([a], o) => a.squeeze(o.dim),
  unsqueeze: ([a], o) => a.unsqueeze(o.dim),
  flatten: ([a], o) => a.flatten(o.start),
  narrow: ([a], o) => a.narrow(o.dim, o.start, o.length),
  select: ([a], o) => a.select(o.dim, o.index),
  slice: ([a], o) => {
    const specs: mm.IndexSpec[] = a.shape.map(() => null);
    specs[o.dim] = mm.slice(o.start, o.stop, o.step);
    return a.index(specs);
  },
  cat: (xs, o) => mm.cat(xs, o.dim),
  stack: (xs, o) => mm.stack(xs, o.dim),
  split: ([a], o) => a.split(o.size, o.dim),
  chunk: ([a], o) => a.chunk(o.chunks, o.dim),
  roll: ([a], o) => a.roll(o.shifts, o.dims),
  unfold: ([a], o) => a.unfold(o.dim, o.size, o.step),
  index_select: ([a, i], o) => a.indexSelect(o.dim, i),
  gather: ([a, i], o) => a.gather(o.dim, i),
  index_pair: ([p, rows, cols]) => p.index([rows, cols]),
  index_slice_adv: ([a, i]) => a.index([mm.slice(1), i, 0]),
  embedding: ([i, w]) => mm.embedding(i, w),
  one_hot: ([i], o) => mm.oneHot(i, o.num_classes),
  softmax: ([a], o) => a.softmax(o.dim),
  log_softmax: ([a], o) => a.logSoftmax(o.dim),
  cross_entropy: ([x, t], o) => mm.crossEntropy(x, t, { ignoreIndex: o.ignore_index, reduction: o.reduction }),
  layer_norm: ([x, w, b], o) => mm.layerNorm(x, o.shape, w ?? null, b ?? null),
};

function outputsOf(r: ReturnType<Run>): Tensor[] {
  if (Array.isArray(r)) return r;
  if ("values" in r && "indices" in r && !(r instanceof mm.Tensor)) return [r.values, r.indices];
  return [r as Tensor];
}

forEachBackend((backend) => {
  for (const c of golden.cases) {
    test(`op ${c.name} [${backend}]`, () => {
      useBackend(backend);
      const run = OPS[c.op];
      assert.ok(run, `no TypeScript spelling for op ${c.op}`);
      const leaves = c.inputs.map((inp) => {
        const dtype = inp.dtype === "float32" ? "float32" : inp.dtype === "bool" ? "bool" : "int64";
        const t = mm.tensor(inp.values as any, { dtype }).reshape(inp.shape);
        return inp.requires_grad ? t.detach().requiresGrad_() : t;
      });
      const xs = leaves.map((l, i) => applyLayout(l, c.inputs[i].layout));
      const outs = outputsOf(run(xs, c.args));
      assert.equal(outs.length, c.outputs.length, `${c.name}: number of outputs`);
      let loss: Tensor | null = null;
      outs.forEach((o, k) => {
        const want = c.outputs[k];
        assert.deepEqual(o.shape, want.shape, `${c.name}: output ${k} shape`);
        if (want.dtype === "float32") {
          assertClose(o.flat(), want.values, `${c.name} output ${k}`);
          if (o.requiresGrad) {
            const finite = mm.where(o.detach().abs().lt(Infinity), o, 0);
            const term = finite.mul(mm.tensor(want.weight!, { dtype: "float32" }).reshape(want.shape)).sum();
            loss = loss ? loss.add(term) : term;
          }
        } else {
          assert.deepEqual(Array.from(o.flat(), Number), want.values, `${c.name}: output ${k} values`);
        }
      });
      if (loss) (loss as Tensor).backward();
      leaves.forEach((leaf, i) => {
        const want = c.grads[i];
        if (want === null) {
          assert.ok(leaf.grad === null, `${c.name}: input ${i} should get no gradient`);
          return;
        }
        assert.ok(leaf.grad, `${c.name}: input ${i} got no gradient`);
        assertClose(leaf.grad!.flat(), want, `${c.name} grad of input ${i}`);
      });
    });
  }
});
