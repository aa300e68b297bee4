// Part 4 of the lectures, makemore_part4_backprop.ipynb, "becoming a backprop ninja": the forward
// pass in small steps, every gradient by hand checked against autograd (cmp), cross-entropy and
// BatchNorm backward in one expression each, then training with the manual backward pass only.
// bngain and bnbias: the notebook draws them from torch's unseeded default generator; here it
// is seeded first (2147483647), so g's stream, and so the batch, are the notebook's.
import * as mm from "makemore";
import { NAMES_FILE, lrAt, sampleNames, size, splitDataset, vocabulary } from "./lib/lecture-data.js";
import { type CmpRow, type Forward, cmp, embeddingBackward, formatCmp, manualBackward } from "./lib/manual-backward.js";
import type { ExampleOptions } from "./lib/options.js";

const SEED = 2147483647;
const [N_EMBD, BLOCK, n] = [10, 3, 32];

export interface BackpropResult {
  parameters: number;
  batch: number[];
  loss: number;
  /** autograd's gradient of every intermediate (what cmp compares against) */
  grads: Record<string, mm.Tensor>;
  table: CmpRow[];
  lossFast: number;
  crossEntropyCmp: CmpRow;
  hpreactFastMaxDiff: number;
  batchNormCmp: CmpRow;
  trainParameters: number;
  lossi: number[];
  splitLoss: { train?: number; val?: number };
  samples: string[];
}

function init(nHidden: number): { g: mm.Generator; parameters: mm.Tensor[] } {
  const g = new mm.Generator().manualSeed(SEED);
  const C = mm.randn([27, N_EMBD], { generator: g });
  const W1 = mm.randn([N_EMBD * BLOCK, nHidden], { generator: g }).mul(5 / 3 / (N_EMBD * BLOCK) ** 0.5);
  const b1 = mm.randn([nHidden], { generator: g }).mul(0.1); // using b1 just for fun, it's useless because of BN
  const W2 = mm.randn([nHidden, 27], { generator: g }).mul(0.1);
  const b2 = mm.randn([27], { generator: g }).mul(0.1);
  mm.manualSeed(SEED);
  const bngain = mm.randn([1, nHidden]).mul(0.1).add(1.0);
  const bnbias = mm.randn([1, nHidden]).mul(0.1);
  return { g, parameters: [C, W1, b1, W2, b2, bngain, bnbias] };
}

/** The forward pass "chunkated" into steps small enough to backward one at a time. */
function forward(p: mm.Tensor[], Xb: mm.Tensor, Yb: mm.Tensor): Forward {
  const [C, W1, b1, W2, b2, bngain, bnbias] = p;
  const emb = C.index(Xb); // embed the characters into vectors
  const embcat = emb.view([emb.shape[0], -1]); // concatenate the vectors
  const hprebn = embcat.matmul(W1).add(b1); // hidden layer pre-activation
  const bnmeani = mm.mul(1 / n, hprebn.sum(0, { keepdim: true }));
  const bndiff = hprebn.sub(bnmeani);
  const bndiff2 = bndiff.pow(2);
  const bnvar = mm.mul(1 / (n - 1), bndiff2.sum(0, { keepdim: true })); // note: Bessel's correction
  const bnvar_inv = bnvar.add(1e-5).pow(-0.5);
  const bnraw = bndiff.mul(bnvar_inv);
  const hpreact = bngain.mul(bnraw).add(bnbias);
  const h = hpreact.tanh();
  const logits = h.matmul(W2).add(b2);
  const logit_maxes = logits.max(1, { keepdim: true }).values;
  const norm_logits = logits.sub(logit_maxes); // subtract max for numerical stability
  const counts = norm_logits.exp();
  const counts_sum = counts.sum(1, { keepdim: true });
  const counts_sum_inv = counts_sum.pow(-1);
  const probs = counts.mul(counts_sum_inv);
  const logprobs = probs.log();
  const loss = logprobs
    .index([mm.arange(n), Yb])
    .mean()
    .neg();
  return {
    emb,
    embcat,
    hprebn,
    bnmeani,
    bndiff,
    bndiff2,
    bnvar,
    bnvar_inv,
    bnraw,
    hpreact,
    h,
    logits,
    logit_maxes,
    norm_logits,
    counts,
    counts_sum,
    counts_sum_inv,
    probs,
    logprobs,
    loss,
    C,
    W1,
    b1,
    W2,
    b2,
    bngain,
    bnbias,
  };
}

export async function main(opts: ExampleOptions = {}): Promise<BackpropResult> {
  const steps = opts.steps ?? 200000;
  const log = opts.log ?? console.log;
  const words = mm.readWordsFile(opts.input ?? NAMES_FILE);
  const vocab = vocabulary(words);
  const { train, dev } = splitDataset(words, vocab, BLOCK);
  log(`${size(train.X)} ${size(dev.X)}`);

  let { g, parameters } = init(64);
  const nParameters = parameters.reduce((k, p) => k + p.numel(), 0);
  log(`parameters ${nParameters}`);
  for (const p of parameters) p.requiresGrad_();
  const ix = mm.randint(0, train.X.shape[0], [n], { generator: g });
  const [Xb, Yb] = [train.X.index(ix), train.Y.index(ix)];
  const f = forward(parameters, Xb, Yb);
  for (const t of Object.values(f)) t.retainGrad(); // leaves keep theirs anyway
  f.loss.backward();
  log(`loss ${f.loss.item().toFixed(4)}`);

  // Exercise 1: backprop through the whole thing manually, one variable at a time
  const d = mm.noGrad(() => manualBackward(f, Xb, Yb));
  const table = Object.entries(d).map(([name, dt]) => cmp(name, dt, f[name as keyof Forward]));
  for (const row of table) log(formatCmp(row));

  // Exercise 2: backprop through cross_entropy all in one go
  const lossFast = mm.F.crossEntropy(f.logits, Yb).item();
  log(`${lossFast} diff: ${lossFast - f.loss.item()}`);
  const dlogits = mm.noGrad(() => {
    const dl = mm.F.softmax(f.logits, 1);
    const at = [mm.arange(n), Yb];
    dl.indexPut_(at, dl.index(at).sub(1));
    return dl.div(n);
  });
  const crossEntropyCmp = cmp("logits", dlogits, f.logits);
  log(formatCmp(crossEntropyCmp));

  // Exercise 3: backprop through batchnorm all in one go
  const { hprebn, bngain, bnbias, bnvar_inv, bnraw } = f;
  const hpreactFast = bngain
    .mul(hprebn.sub(hprebn.mean(0, { keepdim: true })))
    .div(hprebn.var(0, { keepdim: true, unbiased: true }).add(1e-5).sqrt())
    .add(bnbias);
  const hpreactFastMaxDiff = hpreactFast.sub(f.hpreact).abs().max().item();
  log(`max diff: ${hpreactFastMaxDiff}`);
  const dhpreact = f.hpreact.grad!;
  const dhprebn = mm.noGrad(() =>
    bngain
      .mul(bnvar_inv)
      .div(n)
      .mul(
        dhpreact
          .mul(n)
          .sub(dhpreact.sum(0))
          .sub(mm.mul(n / (n - 1), bnraw).mul(dhpreact.mul(bnraw).sum(0))),
      ),
  );
  const batchNormCmp = cmp("hprebn", dhprebn, hprebn);
  log(formatCmp(batchNormCmp));

  // Exercise 4: train the MLP with our own backward pass
  ({ g, parameters } = init(200));
  const trainParameters = parameters.reduce((k, p) => k + p.numel(), 0);
  log(`parameters ${trainParameters}`);
  const lossi = mm.noGrad(() => trainManually(parameters, train, g, steps, log));

  // calibrate the batch norm at the end of training, then evaluate
  const [C, W1, b1, W2, b2, gain, bias] = parameters;
  const splits = opts.splits ?? ["train", "val"];
  const data = { train, val: dev };
  const splitLoss: { train?: number; val?: number } = {};
  const samples = mm.noGrad(() => {
    const hp = C.index(train.X).view([train.X.shape[0], -1]).matmul(W1).add(b1);
    const bnmean = hp.mean(0, { keepdim: true });
    const bnvar = hp.var(0, { keepdim: true, unbiased: true });
    const hidden = (x: mm.Tensor) =>
      gain
        .mul(C.index(x).view([x.shape[0], -1]).matmul(W1).add(b1).sub(bnmean))
        .mul(bnvar.add(1e-5).pow(-0.5))
        .add(bias)
        .tanh();
    for (const k of splits) {
      splitLoss[k] = mm.F.crossEntropy(hidden(data[k].X).matmul(W2).add(b2), data[k].Y).item();
      log(`${k} ${splitLoss[k]}`);
    }
    const samples = sampleNames((ctx) => mm.F.softmax(hidden(ctx).matmul(W2).add(b2), 1), vocab.itos, BLOCK, new mm.Generator().manualSeed(SEED + 10));
    log(samples.join("\n"));
    return samples;
  });
  return {
    parameters: nParameters,
    batch: Array.from(ix.flat()),
    loss: f.loss.item(),
    grads: Object.fromEntries(Object.keys(d).map((k) => [k, f[k as keyof Forward].grad!])),
    table,
    lossFast,
    crossEntropyCmp,
    hpreactFastMaxDiff,
    batchNormCmp,
    trainParameters,
    lossi,
    splitLoss,
    samples,
  };
}

/** Exercise 4's loop: the forward pass, then only the hand-written backward (no autograd). */
function trainManually(parameters: mm.Tensor[], train: { X: mm.Tensor; Y: mm.Tensor }, g: mm.Generator, steps: number, log: (l: string) => void): number[] {
  const [C, W1, b1, W2, b2, bngain, bnbias] = parameters;
  const lossi: number[] = [];
  for (let i = 0; i < steps; i++) {
    const ix = mm.randint(0, train.X.shape[0], [n], { generator: g });
    const [Xb, Yb] = [train.X.index(ix), train.Y.index(ix)];
    const emb = C.index(Xb);
    const embcat = emb.view([emb.shape[0], -1]);
    const hprebn = embcat.matmul(W1).add(b1);
    const bnmean = hprebn.mean(0, { keepdim: true });
    const bnvar = hprebn.var(0, { keepdim: true, unbiased: true });
    const bnvar_inv = bnvar.add(1e-5).pow(-0.5);
    const bnraw = hprebn.sub(bnmean).mul(bnvar_inv);
    const h = bngain.mul(bnraw).add(bnbias).tanh();
    const logits = h.matmul(W2).add(b2);
    const loss = mm.F.crossEntropy(logits, Yb);
    // manual backprop! #swole_doge_meme
    let dlogits = mm.F.softmax(logits, 1);
    const at = [mm.arange(n), Yb];
    dlogits.indexPut_(at, dlogits.index(at).sub(1));
    dlogits = dlogits.div(n);
    const dh = dlogits.matmul(W2.T);
    const dW2 = h.T.matmul(dlogits);
    const db2 = dlogits.sum(0);
    const dhpreact = mm.sub(1.0, h.pow(2)).mul(dh);
    const dbngain = bnraw.mul(dhpreact).sum(0, { keepdim: true });
    const dbnbias = dhpreact.sum(0, { keepdim: true });
    const dhprebn = bngain
      .mul(bnvar_inv)
      .div(n)
      .mul(
        dhpreact
          .mul(n)
          .sub(dhpreact.sum(0))
          .sub(mm.mul(n / (n - 1), bnraw).mul(dhpreact.mul(bnraw).sum(0))),
      );
    const dembcat = dhprebn.matmul(W1.T);
    const dW1 = embcat.T.matmul(dhprebn);
    const db1 = dhprebn.sum(0);
    const dC = embeddingBackward(dembcat.view(emb.shape as number[]), Xb, C);
    const grads = [dC, dW1, db1, dW2, db2, dbngain, dbnbias];
    const lr = lrAt(i, steps, 0.5);
    parameters.forEach((p, k) => p.data.add_(grads[k].mul(-lr)));
    if (i % Math.max(1, Math.floor(steps / 20)) === 0) log(`${String(i).padStart(7)}/${String(steps).padStart(7)}: ${loss.item().toFixed(4)}`);
    lossi.push(loss.log10().item());
  }
  return lossi;
}
