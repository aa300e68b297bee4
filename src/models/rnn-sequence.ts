/**
 * Whole sequences of the vanilla RNN and the GRU as single autograd nodes (lstm-sequence.ts
 * explains the layout): time-major buffers, one pass over the steps each way, and every gate
 * group's weight gradient as one GEMM over all T·B rows at the end.
 */
import { Tensor } from "../tensor/tensor.js";
import { record } from "../tensor/autograd.js";
import { kernels } from "../backend/index.js";
import { type F32, type Gates, block, buf, mul, paramsOf, sequenceParamGrads, setBlock, timeStep, zeros } from "./gates.js";

/** The pieces every sequence node starts from, contiguous and time-major. */
function sequenceInputs(x: Tensor, h0: Tensor) {
  x = x.contiguous();
  h0 = h0.contiguous();
  const [T, B, n1] = x.shape;
  const n2 = h0.shape[1];
  const nIn = n1 + n2;
  const xh = buf(T * B * nIn); // (T, B, n1 + n2): [x_t | h_{t-1}], kept for the weight gradient
  setBlock(xh, x.f32(), T * B, nIn, 0, n1);
  return { x, h0, T, B, n1, n2, nIn, xh, h0v: h0.f32(), step: (a: F32, t: number, width: number) => timeStep(a, t, B, width) };
}

const weightsOf = (lin: Gates) => ({
  W: lin.weight.contiguous().f32(),
  b: lin.bias ? (lin.bias.contiguous().f32()) : null,
});

/** Vanilla RNN, h_t = tanh(W [x_t, h_{t-1}] + b): h_t for every step (T, B, n2). */
export function rnnSequenceFused(lin: Gates, xIn: Tensor, h0In: Tensor): Tensor {
  const { x, h0, T, B, n1, n2, nIn, xh, h0v, step } = sequenceInputs(xIn, h0In);
  const { W, b } = weightsOf(lin);
  const cells = B * n2;
  const out = Tensor.empty([T, B, n2]);
  const hs = out.f32();
  for (let t = 0; t < T; t++) {
    const xht = step(xh, t, nIn);
    setBlock(xht, t === 0 ? h0v : step(hs, t - 1, n2), B, nIn, n1, n2);
    const ht = step(hs, t, n2);
    kernels.linear(ht, xht, W, b, B, nIn, n2);
    kernels.tanh(ht, ht, cells);
  }
  return record(out, "RNNBackward", [x, h0, ...paramsOf(lin)], (gOut) => {
    const dhs = gOut.contiguous().f32();
    const dpre = buf(T * cells);
    const dxh = buf(T * B * nIn);
    let dhNext = zeros(cells);
    for (let t = T - 1; t >= 0; t--) {
      const dp = step(dpre, t, n2);
      kernels.add(dp, step(dhs, t, n2), dhNext, cells);
      kernels.tanhBackward(dp, dp, step(hs, t, n2), cells);
      const dxht = step(dxh, t, nIn);
      kernels.matmul(dxht, dp, W, B, n2, nIn, false, false, false);
      dhNext = block(dxht, B, nIn, n1, n2);
    }
    const dx = new Tensor(block(dxh, T * B, nIn, 0, n1), [T, B, n1]);
    return [dx, new Tensor(dhNext, [B, n2]), ...sequenceParamGrads(lin, dpre, xh, T * B)];
  });
}

/**
 * GRU, as gruCellFused: z, r = σ(W_zr [x_t, h]), hbar = tanh(W_h [x_t, r⊙h]),
 * h_t = h + z⊙(hbar - h). h_t for every step (T, B, n2).
 */
export function gruSequenceFused(zr: Gates, hb: Gates, xIn: Tensor, h0In: Tensor): Tensor {
  const { x, h0, T, B, n1, n2, nIn, xh, h0v, step } = sequenceInputs(xIn, h0In);
  const Wzr = weightsOf(zr);
  const Whb = weightsOf(hb);
  const cells = B * n2;
  const xrh = buf(T * B * nIn); // (T, B, n1 + n2): [x_t | r⊙h_{t-1}], the candidate's input
  setBlock(xrh, x.f32(), T * B, nIn, 0, n1);
  const zs = buf(T * cells), rs = buf(T * cells), hbars = buf(T * cells); // (T, B, n2) each
  const gates = buf(B * 2 * n2);
  const out = Tensor.empty([T, B, n2]);
  const hs = out.f32();
  const hPrevAt = (t: number): F32 => (t === 0 ? h0v : step(hs, t - 1, n2));
  for (let t = 0; t < T; t++) {
    const hPrev = hPrevAt(t);
    const xht = step(xh, t, nIn);
    setBlock(xht, hPrev, B, nIn, n1, n2);
    kernels.linear(gates, xht, Wzr.W, Wzr.b, B, nIn, 2 * n2);
    kernels.sigmoid(gates, gates, 2 * cells);
    const z = step(zs, t, n2), r = step(rs, t, n2), hbar = step(hbars, t, n2);
    z.set(block(gates, B, 2 * n2, 0, n2));
    r.set(block(gates, B, 2 * n2, n2, n2));
    const xrht = step(xrh, t, nIn);
    setBlock(xrht, mul(r, hPrev, cells), B, nIn, n1, n2);
    kernels.linear(hbar, xrht, Whb.W, Whb.b, B, nIn, n2);
    kernels.tanh(hbar, hbar, cells);
    // h_t = h + z (hbar - h)
    const ht = step(hs, t, n2);
    kernels.axpy(ht, hbar, hPrev, -1, cells);
    kernels.mul(ht, z, ht, cells);
    kernels.add(ht, hPrev, ht, cells);
  }
  return record(out, "GRUBackward", [x, h0, ...paramsOf(zr, hb)], (gOut) => {
    const dhs = gOut.contiguous().f32();
    const dzr = buf(T * B * 2 * n2); // (T, B, 2·n2): d(pre) of [z | r]
    const dhbars = buf(T * cells); // d(pre) of the candidate
    const dxh = buf(T * B * nIn);
    const dxrh = buf(T * B * nIn);
    const g = buf(cells), dz = buf(cells), dr = buf(cells);
    let dhNext = zeros(cells);
    for (let t = T - 1; t >= 0; t--) {
      const hPrev = hPrevAt(t);
      const z = step(zs, t, n2), r = step(rs, t, n2), hbar = step(hbars, t, n2);
      kernels.add(g, step(dhs, t, n2), dhNext, cells);
      // h_t = (1 - z) h + z hbar: dz = g (hbar - h), dhbar = g z, dh = g (1 - z)
      kernels.axpy(dz, hbar, hPrev, -1, cells);
      kernels.mul(dz, g, dz, cells);
      kernels.sigmoidBackward(dz, dz, z, cells);
      const dhb = step(dhbars, t, n2);
      kernels.mul(dhb, g, z, cells);
      const dh = buf(cells);
      kernels.axpy(dh, g, dhb, -1, cells);
      kernels.tanhBackward(dhb, dhb, hbar, cells);
      // through hbar = tanh(W_h [x, r⊙h]): d(r⊙h) gives dr = · ⊙ h and dh += · ⊙ r
      const dxrht = step(dxrh, t, nIn);
      kernels.matmul(dxrht, dhb, Whb.W, B, n2, nIn, false, false, false);
      const drh = block(dxrht, B, nIn, n1, n2);
      kernels.mul(dr, drh, hPrev, cells);
      kernels.sigmoidBackward(dr, dr, r, cells);
      kernels.mul(drh, drh, r, cells);
      kernels.add(dh, dh, drh, cells);
      const dzrt = step(dzr, t, 2 * n2);
      setBlock(dzrt, dz, B, 2 * n2, 0, n2);
      setBlock(dzrt, dr, B, 2 * n2, n2, n2);
      const dxht = step(dxh, t, nIn);
      kernels.matmul(dxht, dzrt, Wzr.W, B, 2 * n2, nIn, false, false, false);
      kernels.add(dh, dh, block(dxht, B, nIn, n1, n2), cells);
      dhNext = dh;
    }
    const dx = block(dxh, T * B, nIn, 0, n1);
    kernels.add(dx, dx, block(dxrh, T * B, nIn, 0, n1), T * B * n1);
    return [
      new Tensor(dx, [T, B, n1]), new Tensor(dhNext, [B, n2]),
      ...sequenceParamGrads(zr, dzr, xh, T * B), ...sequenceParamGrads(hb, dhbars, xrh, T * B),
    ];
  });
}
