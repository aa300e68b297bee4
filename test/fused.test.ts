import { test } from "node:test";
import * as mm from "makemore";
import type { Tensor } from "makemore";
import { assertClose } from "./helpers/close.js";
import { causalSelfAttention, causalSelfAttentionComposite } from "../src/tensor/ops/fused/attention.js";
import { causalMean, causalAverage } from "../src/tensor/ops/fused/causal-mean.js";

/**
 * Fused ops with hand-derived backward: each is checked against its composite of primitive ops
 * (forward and gradients) and against central finite differences in float64 of the loss.
 */
const g = new mm.Generator().manualSeed(7);
const randn = (shape: number[], scale = 1) => mm.randn(shape, { generator: g }).mul(scale);

/** d(Σ w·f(x))/dx by central differences, evaluated in double from float32 forward passes. */
function finiteDifference(f: (x: Tensor) => Tensor, x: Tensor, w: Tensor, eps = 1e-2): number[] {
  const base = x.detach().contiguous();
  const n = base.numel();
  const out: number[] = [];
  const weights = w.flat();
  const lossAt = (t: Tensor) => {
    const y = mm.noGrad(() => f(t)).flat();
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i] * weights[i];
    return s;
  };
  for (let i = 0; i < n; i++) {
    const plus = base.clone();
    const minus = base.clone();
    plus.storage[i] += eps;
    minus.storage[i] -= eps;
    out.push((lossAt(plus) - lossAt(minus)) / (2 * eps));
  }
  return out;
}

function gradOf(f: (x: Tensor) => Tensor, x0: Tensor, w: Tensor): { y: Tensor; grad: Float32Array } {
  const x = x0.detach().clone().requiresGrad_();
  const y = f(x);
  y.mul(w).sum().backward();
  return { y, grad: x.grad!.f32() };
}

function checkFused(name: string, fused: (x: Tensor) => Tensor, composite: (x: Tensor) => Tensor, x: Tensor, fdTol = 2e-2) {
  test(`fused ${name}: matches its composite and finite differences`, () => {
    const w = randn(fused(x.detach()).shape as number[]);
    const a = gradOf(fused, x, w);
    const b = gradOf(composite, x, w);
    assertClose(a.y.flat(), b.y.flat(), `${name} forward`);
    assertClose(a.grad, b.grad, `${name} grad vs composite`, 1e-4, 1e-5);
    assertClose(a.grad, finiteDifference(fused, x, w), `${name} grad vs finite differences`, fdTol, fdTol);
  });
}

const logits = randn([6, 5], 2);
const targets = mm.tensor([1, -1, 0, 4, 4, -1]);
checkFused(
  "crossEntropy (ignoreIndex)",
  (x) => mm.crossEntropy(x, targets, { ignoreIndex: -1 }),
  (x) => {
    const keep = [0, 2, 3, 4];
    const lp = x.logSoftmax(1).index([mm.tensor(keep)]);
    return lp
      .index([mm.arange(4), mm.tensor([1, 0, 4, 4])])
      .neg()
      .mean();
  },
  logits,
);

const ln = { w: randn([8]), b: randn([8]) };
checkFused(
  "layerNorm",
  (x) => mm.layerNorm(x, 8, ln.w, ln.b),
  (x) => {
    const mu = x.mean(-1, { keepdim: true });
    const v = x.var(-1, { unbiased: false, keepdim: true });
    return x.sub(mu).div(v.add(1e-5).sqrt()).mul(ln.w).add(ln.b);
  },
  randn([3, 4, 8], 2),
);

const lw = { w: randn([5, 7]), b: randn([5]) };
checkFused(
  "linear",
  (x) => mm.linear(x, lw.w, lw.b),
  (x) => x.matmul(lw.w.T).add(lw.b),
  randn([2, 3, 7]),
);

checkFused(
  "gelu (tanh)",
  (x) => mm.gelu(x, { approximate: "tanh" }),
  (x) =>
    x.mul(0.5).mul(
      x
        .add(x.pow(3).mul(0.044715))
        .mul(Math.sqrt(2 / Math.PI))
        .tanh()
        .add(1),
    ),
  randn([4, 9], 3),
);

checkFused(
  "softmax",
  (x) => x.softmax(-1),
  (x) => x.exp().div(x.exp().sum(-1, { keepdim: true })),
  randn([3, 7], 2),
);
checkFused(
  "logSoftmax",
  (x) => x.logSoftmax(-1),
  (x) => x.sub(x.logsumexp(-1, { keepdim: true })),
  randn([3, 7], 2),
);
checkFused(
  "causal self-attention",
  (x) => causalSelfAttention(x, 2),
  (x) => causalSelfAttentionComposite(x, 2),
  randn([2, 5, 12]),
  3e-2,
);
{
  // attention dropout: one fixed noise (0 or 1/(1-p), masked-out future entries included), applied
  // by the kernel and by the composite's dropout hook alike
  const noise = mm
    .rand([2, 3, 6, 6], { generator: g })
    .ge(0.25)
    .float()
    .mul(Math.fround(1 / 0.75));
  checkFused(
    "causal self-attention with dropout noise on the probabilities",
    (x) => causalSelfAttention(x, 3, noise),
    (x) => causalSelfAttentionComposite(x, 3, (att) => att.mul(noise)),
    randn([2, 6, 18]),
    3e-2,
  );
}
checkFused(
  "causal self-attention, T=1",
  (x) => causalSelfAttention(x, 3),
  (x) => causalSelfAttentionComposite(x, 3),
  randn([3, 1, 9]),
  3e-2,
);

// The whole-sequence nodes against stepping the composite cell over time: every h_t and the
// gradients of the inputs, the start state and every gate's weights and biases.
for (const type of ["rnn", "gru", "lstm"] as const) {
  test(`fused ${type} sequence: matches the composite cell stepped over time, values, final state and every gradient`, () => {
    const cfg = { vocabSize: 5, blockSize: 4, nLayer: 1, nHead: 1, nEmbd: 5, nEmbd2: 7 };
    mm.manualSeed(12);
    const model = mm.createModel(type, cfg) as mm.RNN;
    const [T, B] = [6, 3];
    const x0 = randn([T, B, cfg.nEmbd]);
    const h0 = randn([B, cfg.nEmbd2]);
    const c0 = randn([B, cfg.nEmbd2]);
    const w = randn([T, B, cfg.nEmbd2]);
    const run = (fused: boolean) => {
      const [x, h, c] = [x0, h0, c0].map((t) => t.clone().requiresGrad_());
      model.zeroGrad();
      const start = { h, c: type === "lstm" ? c : undefined };
      let hs: Tensor;
      let last: { h: Tensor; c?: Tensor };
      if (fused) {
        const out = model.cell.sequence(x, start);
        hs = out.hs;
        last = { h: out.h, c: out.c };
      } else {
        let state: { h: Tensor; c?: Tensor } = start;
        const steps: Tensor[] = [];
        for (let t = 0; t < T; t++) {
          state = model.cell.stepComposite(x.select(0, t), state);
          steps.push(state.h);
        }
        hs = mm.stack(steps, 0);
        last = state;
      }
      const finalState = [...last.h.contiguous().flat(), ...(last.c ? last.c.contiguous().flat() : [])];
      hs.mul(w).sum().backward();
      const inputs = [x, h, ...(type === "lstm" ? [c] : [])];
      return { values: Array.from(hs.contiguous().flat()), finalState, grads: [...inputs, ...model.cell.parameters()].map((t) => Array.from(t.grad!.flat())) };
    };
    const a = run(true);
    const b = run(false);
    assertClose(a.values, b.values, `${type} sequence h_t`);
    assertClose(a.finalState, b.finalState, `${type} sequence final state`);
    a.grads.forEach((g, i) => assertClose(g, b.grads[i], `${type} sequence grad ${i}`, 1e-5, 1e-6));
  });
}

// embeddingLinear (a Linear over concatenated embeddings, as lookups) against embedding → view
// → linear, with the gradients of the table, the weight and the bias; and the MLP and WaveNet
// heads that use it against their composite heads.
test("fused embeddingLinear: matches embedding, view and linear, values and gradients", () => {
  const idx = mm.randint(0, 7, [9, 4], { generator: g });
  const E0 = randn([7, 5]);
  const W0 = randn([6, 20]);
  const b0 = randn([6]);
  const w = randn([9, 6]);
  const run = (fused: boolean) => {
    const [E, W, b] = [E0, W0, b0].map((t) => t.clone().requiresGrad_());
    const y = fused ? mm.embeddingLinear(idx, E, W, b) : mm.linear(mm.embedding(idx, E).view([9, 20]), W, b);
    y.mul(w).sum().backward();
    return [y, E.grad!, W.grad!, b.grad!].map((t) => Array.from(t.flat()));
  };
  const a = run(true);
  const c = run(false);
  ["output", "dE", "dW", "db"].forEach((name, i) => assertClose(a[i], c[i], `embeddingLinear ${name}`, 1e-5, 1e-6));
});

for (const type of ["mlp", "wavenet"] as const) {
  test(`${type}: the fused head matches the composite head, values and every gradient`, () => {
    mm.manualSeed(5);
    const model = mm.createModel(type, { vocabSize: 11, blockSize: 8, nLayer: 1, nHead: 1, nEmbd: 6, nEmbd2: 10 }) as mm.MLP | mm.WaveNet;
    const win = mm.randint(0, 12, [13, type === "mlp" ? 8 : 8], { generator: g });
    const w = randn([13, 11]);
    const run = (fused: boolean): number[][] => {
      model.zeroGrad();
      const out = fused ? (model as any).head(win) : model.headComposite(win);
      out.mul(w).sum().backward();
      return [Array.from(out.f32() as Float32Array), ...model.parameters().map((p): number[] => Array.from(p.grad!.f32()))];
    };
    const a = run(true);
    const b = run(false);
    a.forEach((v, i) => assertClose(v, b[i], `${type} head ${i === 0 ? "output" : `grad ${i - 1}`}`, 1e-4, 1e-5));
  });
}

checkFused(
  "causal mean (bag of words)",
  (x) => causalMean(x),
  (x) => causalAverage(x.shape[1]).matmul(x),
  randn([3, 5, 4]),
);

test("bigramLoss (counting pairs) matches cross-entropy over the looked-up logits, value and gradient", () => {
  mm.manualSeed(3);
  const model = mm.createModel("bigram", { vocabSize: 9, blockSize: 6, nLayer: 1, nHead: 1, nEmbd: 4, nEmbd2: 4 }) as mm.Bigram;
  mm.noGrad(() => model.logits.copy_(randn([9, 9], 2)));
  const idx = mm.randint(0, 9, [5, 6], { generator: g });
  const targets = mm.randint(0, 9, [5, 6], { generator: g }).maskedFill(mm.rand([5, 6], { generator: g }).lt(0.3), -1);
  const run = (fused: boolean) => {
    model.zeroGrad();
    const { loss } = fused ? model.forward(idx, targets) : model.forwardComposite(idx, targets);
    loss!.backward();
    return [loss!.item(), Array.from(model.logits.grad!.f32())] as const;
  };
  const [la, ga] = run(true);
  const [lb, gb] = run(false);
  assertClose([la], [lb], "bigram loss");
  assertClose(ga, gb, "bigram table gradient", 1e-5, 1e-7);
});
