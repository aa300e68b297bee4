// Part 4, exercise 1: every gradient of the MLP + BatchNorm forward pass, derived by hand and
// written out one intermediate at a time, in the notebook's order and with its expressions.
import * as mm from "makemore";

export type Forward = Record<
  | "emb"
  | "embcat"
  | "hprebn"
  | "bnmeani"
  | "bndiff"
  | "bndiff2"
  | "bnvar"
  | "bnvar_inv"
  | "bnraw"
  | "hpreact"
  | "h"
  | "logits"
  | "logit_maxes"
  | "norm_logits"
  | "counts"
  | "counts_sum"
  | "counts_sum_inv"
  | "probs"
  | "logprobs"
  | "loss"
  | "C"
  | "W1"
  | "b1"
  | "W2"
  | "b2"
  | "bngain"
  | "bnbias",
  mm.Tensor
>;

export function manualBackward(f: Forward, Xb: mm.Tensor, Yb: mm.Tensor): Record<string, mm.Tensor> {
  const n = Xb.shape[0];
  const rows = mm.arange(n);
  const dlogprobs = mm.zerosLike(f.logprobs);
  dlogprobs.indexPut_([rows, Yb], -1.0 / n);
  const dprobs = mm.div(1.0, f.probs).mul(dlogprobs);
  const dcounts_sum_inv = f.counts.mul(dprobs).sum(1, { keepdim: true });
  let dcounts = f.counts_sum_inv.mul(dprobs);
  const dcounts_sum = f.counts_sum.pow(-2).neg().mul(dcounts_sum_inv);
  dcounts = dcounts.add(mm.onesLike(f.counts).mul(dcounts_sum));
  const dnorm_logits = f.counts.mul(dcounts);
  let dlogits = dnorm_logits.clone();
  const dlogit_maxes = dnorm_logits.neg().sum(1, { keepdim: true });
  dlogits = dlogits.add(mm.F.oneHot(f.logits.max(1).indices, f.logits.shape[1]).mul(dlogit_maxes));
  const dh = dlogits.matmul(f.W2.T);
  const dW2 = f.h.T.matmul(dlogits);
  const db2 = dlogits.sum(0);
  const dhpreact = mm.sub(1.0, f.h.pow(2)).mul(dh);
  const dbngain = f.bnraw.mul(dhpreact).sum(0, { keepdim: true });
  const dbnraw = f.bngain.mul(dhpreact);
  const dbnbias = dhpreact.sum(0, { keepdim: true });
  let dbndiff = f.bnvar_inv.mul(dbnraw);
  const dbnvar_inv = f.bndiff.mul(dbnraw).sum(0, { keepdim: true });
  const dbnvar = mm.mul(-0.5, f.bnvar.add(1e-5).pow(-1.5)).mul(dbnvar_inv);
  const dbndiff2 = mm.mul(1.0 / (n - 1), mm.onesLike(f.bndiff2)).mul(dbnvar);
  dbndiff = dbndiff.add(mm.mul(2, f.bndiff).mul(dbndiff2));
  let dhprebn = dbndiff.clone();
  const dbnmeani = dbndiff.neg().sum(0);
  dhprebn = dhprebn.add(mm.mul(1.0 / n, mm.onesLike(f.hprebn).mul(dbnmeani)));
  const dembcat = dhprebn.matmul(f.W1.T);
  const dW1 = f.embcat.T.matmul(dhprebn);
  const db1 = dhprebn.sum(0);
  const demb = dembcat.view(f.emb.shape as number[]);
  const dC = embeddingBackward(demb, Xb, f.C);
  return {
    logprobs: dlogprobs,
    probs: dprobs,
    counts_sum_inv: dcounts_sum_inv,
    counts_sum: dcounts_sum,
    counts: dcounts,
    norm_logits: dnorm_logits,
    logit_maxes: dlogit_maxes,
    logits: dlogits,
    h: dh,
    W2: dW2,
    b2: db2,
    hpreact: dhpreact,
    bngain: dbngain,
    bnbias: dbnbias,
    bnraw: dbnraw,
    bnvar_inv: dbnvar_inv,
    bnvar: dbnvar,
    bndiff2: dbndiff2,
    bndiff: dbndiff,
    bnmeani: dbnmeani,
    hprebn: dhprebn,
    embcat: dembcat,
    W1: dW1,
    b1: db1,
    emb: demb,
    C: dC,
  };
}

/** `dC[Xb[k, j]] += demb[k, j]` for every example k and position j: rows of C used twice get both gradients. */
export function embeddingBackward(demb: mm.Tensor, Xb: mm.Tensor, C: mm.Tensor): mm.Tensor {
  const dC = mm.zerosLike(C);
  const [N, T] = Xb.shape;
  for (let k = 0; k < N; k++)
    for (let j = 0; j < T; j++) {
      const ix = Xb.index([k, j]).item();
      dC.indexPut_(ix, dC.index(ix).add(demb.index([k, j])));
    }
  return dC;
}

export interface CmpRow {
  name: string;
  exact: boolean;
  approximate: boolean;
  maxdiff: number;
}

/** The notebook's cmp(s, dt, t): is the hand-derived dt exactly, or approximately (allclose), autograd's t.grad? */
export function cmp(name: string, dt: mm.Tensor, t: mm.Tensor): CmpRow {
  const grad = t.grad!;
  return {
    name,
    exact: mm.allclose(dt, grad, { rtol: 0, atol: 0 }),
    approximate: mm.allclose(dt, grad),
    maxdiff: dt.sub(grad).abs().max().item(),
  };
}

export const formatCmp = (r: CmpRow): string =>
  `${r.name.padEnd(15)} | exact: ${String(r.exact).padEnd(5)} | approximate: ${String(r.approximate).padEnd(5)} | maxdiff: ${r.maxdiff}`;
