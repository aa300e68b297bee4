/**
 * Recurrent cells as single autograd nodes: one forward and one hand-derived backward per time
 * step instead of a dozen small ops (cat, three Linears, gates, products). The GEMMs run on the
 * linear kernels; the gates on the elementwise kernels. cells.ts keeps the composite versions,
 * which are the test oracle (test/fused.test.ts).
 */
import { Tensor } from "../tensor/tensor.js";
import { record } from "../tensor/autograd.js";
import { kernels } from "../backend/index.js";
import {
  type F32, type Gates, affineGate, affineGateBackward, buf, concatRows, mul, paramGrads, paramsOf, setBlock, splitRows, block,
} from "./gates.js";

export { stackGates, type Gates } from "./gates.js";

/** Vanilla RNN: h' = tanh(W [x, h] + b) */
export function rnnCellFused(lin: Gates, xt: Tensor, h: Tensor): Tensor {
  const [B, n1] = xt.shape;
  const n2 = h.shape[1];
  const x = xt.f32();
  const hv = h.f32();
  const xh = concatRows(x, hv, B, n1, n2);
  const pre = affineGate(lin, xh, B);
  const out = Tensor.empty([B, n2]);
  const hn = out.f32();
  kernels.tanh(hn, pre, B * n2);
  const params = paramsOf(lin);
  return record(out, "RNNCellBackward", [xt, h, ...params], (g) => {
    const dpre = buf(B * n2);
    kernels.tanhBackward(dpre, g.f32(), hn, B * n2);
    const [dx, dh] = splitRows(affineGateBackward(lin, dpre, xh, B), B, n1, n2);
    return [new Tensor(dx, [B, n1]), new Tensor(dh, [B, n2]), ...paramGrads([lin])];
  });
}

/**
 * GRU: z = σ(W_z xh), r = σ(W_r xh), hbar = tanh(W_h [x, r⊙h]), h' = (1 - z)⊙h + z⊙hbar.
 * `zr` stacks the z and r gates (both read xh), `hb` is the candidate's.
 */
export function gruCellFused(zr: Gates, hb: Gates, xt: Tensor, h: Tensor): Tensor {
  const [B, n1] = xt.shape;
  const n2 = h.shape[1];
  const n = B * n2;
  const x = xt.f32();
  const hv = h.f32();
  const xh = concatRows(x, hv, B, n1, n2);
  const zrPre = affineGate(zr, xh, B); // (B, 2·n2)
  kernels.sigmoid(zrPre, zrPre, 2 * n);
  const z = block(zrPre, B, 2 * n2, 0, n2);
  const r = block(zrPre, B, 2 * n2, n2, n2);
  const rh = buf(n);
  kernels.mul(rh, r, hv, n);
  const xrh = concatRows(x, rh, B, n1, n2);
  const hbar = buf(n);
  kernels.tanh(hbar, affineGate(hb, xrh, B), n);
  const out = Tensor.empty([B, n2]);
  const hn = out.f32();
  // h' = h + z (hbar - h)
  const diff = buf(n);
  kernels.axpy(diff, hbar, hv, -1, n);
  kernels.mul(diff, z, diff, n);
  kernels.add(hn, hv, diff, n);
  const params = paramsOf(zr, hb);
  return record(out, "GRUCellBackward", [xt, h, ...params], (gOut) => {
    const g = gOut.f32();
    // h' = (1 - z) h + z hbar: dz = g (hbar - h), dhbar = g z, dh = g (1 - z) = g - dhbar
    const dz = buf(n);
    kernels.axpy(dz, hbar, hv, -1, n);
    kernels.mul(dz, g, dz, n);
    const dhbar = mul(g, z, n);
    const dh = buf(n);
    kernels.axpy(dh, g, dhbar, -1, n);
    kernels.sigmoidBackward(dz, dz, z, n);
    kernels.tanhBackward(dhbar, dhbar, hbar, n);
    // through hbar = tanh(W_h [x, r⊙h]): d(r⊙h) → dr = · ⊙ h, dh += · ⊙ r
    const [dx, drh] = splitRows(affineGateBackward(hb, dhbar, xrh, B), B, n1, n2);
    const dr = mul(drh, hv, n);
    kernels.mul(drh, drh, r, n);
    kernels.add(dh, dh, drh, n);
    kernels.sigmoidBackward(dr, dr, r, n);
    const dzr = buf(2 * n);
    setBlock(dzr, dz, B, 2 * n2, 0, n2);
    setBlock(dzr, dr, B, 2 * n2, n2, n2);
    const [dx2, dh2] = splitRows(affineGateBackward(zr, dzr, xh, B), B, n1, n2);
    kernels.add(dx, dx, dx2, B * n1);
    kernels.add(dh, dh, dh2, n);
    return [new Tensor(dx, [B, n1]), new Tensor(dh, [B, n2]), ...paramGrads([zr, hb])];
  });
}

/**
 * LSTM: i, f, o = σ(W xh), g = tanh(W_g xh), c' = f⊙c + i⊙g, h' = o⊙tanh(c'), with `ifog`
 * stacking the four gates. Returns [h', c'] side by side as one (B, 2·n2) tensor, so one node
 * carries both outputs. lstm-sequence.ts runs whole sequences with the same kernels.
 */
export function lstmCellFused(ifog: Gates, xt: Tensor, h: Tensor, c: Tensor): Tensor {
  const [B, n1] = xt.shape;
  const n2 = h.shape[1];
  const n = B * n2;
  const xh = concatRows(xt.f32(), h.f32(), B, n1, n2);
  const cv = c.f32();
  const gates = affineGate(ifog, xh, B); // (B, 4·n2), activated in place
  const hn = buf(n), cn = buf(n), tc = buf(n);
  kernels.lstmCell(gates, cn, tc, hn, cv, B, n2);
  const out = Tensor.empty([B, 2 * n2]);
  const hc = out.f32();
  setBlock(hc, hn, B, 2 * n2, 0, n2);
  setBlock(hc, cn, B, 2 * n2, n2, n2);
  const params = paramsOf(ifog);
  return record(out, "LSTMCellBackward", [xt, h, c, ...params], (gOut) => {
    const g = gOut.f32();
    const dgates = buf(4 * n), dc = buf(n);
    kernels.lstmCellBackward(dgates, dc, block(g, B, 2 * n2, 0, n2), block(g, B, 2 * n2, n2, n2), gates, cv, tc, B, n2);
    const [dx, dh] = splitRows(affineGateBackward(ifog, dgates, xh, B), B, n1, n2);
    return [new Tensor(dx, [B, n1]), new Tensor(dh, [B, n2]), new Tensor(dc, [B, n2]), ...paramGrads([ifog])];
  });
}
