/**
 * Whole sequences of the vanilla RNN, the GRU and the LSTM as single autograd nodes, the way
 * cuDNN runs them: the forward walks the time steps with one GEMM per gate group and the gate
 * kernels, and the backward walks them in reverse but defers every gate group's weight gradient
 * to a single (n_out, T·B) × (T·B, n_in) GEMM at the end instead of T thin ones. Buffers are
 * time-major. Each node also hands back its final state, so decoding is the same node with T = 1.
 * The composite cells in models/cells.ts, stepped over time, are the oracle (test/fused.test.ts).
 */
import { Tensor } from "../../tensor.js";
import { isGradEnabled, record } from "../../autograd.js";
import { memoryPolicy } from "../../memory-policy.js";
import { kernels } from "../../../backend/index.js";
import { type F32, type Gates, block, buf, mul, paramsOf, sequenceParamGrads, setBlock, timeStep, zeros } from "./gates.js";

/** What a sequence node returns: every h_t, and the state after the last step. */
export interface SequenceOutput {
  /** (T, B, n2) */
  hs: Tensor;
  /** (B, n2): h_T, a view of hs */
  h: Tensor;
  /** (B, n2): the LSTM's c_T, for decoding (not differentiable) */
  c?: Tensor;
}

const lastStep = (hs: Tensor): Tensor => hs.select(0, hs.shape[0] - 1);

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
  b: lin.bias ? lin.bias.contiguous().f32() : null,
});

/** Vanilla RNN, h_t = tanh(W [x_t, h_{t-1}] + b), from x (T, B, n1) and h0 (B, n2). */
export function rnnSequence(lin: Gates, xIn: Tensor, h0In: Tensor): SequenceOutput {
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
  record(out, "RNNBackward", [x, h0, ...paramsOf(lin)], (gOut) => {
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
  return { hs: out, h: lastStep(out) };
}

/**
 * GRU: z, r = σ(W_zr [x_t, h]), hbar = tanh(W_h [x_t, r⊙h]), h_t = h + z⊙(hbar - h). `zr`
 * stacks the z and r gates (both read [x_t, h]), `hb` is the candidate's.
 */
export function gruSequence(zr: Gates, hb: Gates, xIn: Tensor, h0In: Tensor): SequenceOutput {
  const { x, h0, T, B, n1, n2, nIn, xh, h0v, step } = sequenceInputs(xIn, h0In);
  const Wzr = weightsOf(zr);
  const Whb = weightsOf(hb);
  const cells = B * n2;
  const xrh = buf(T * B * nIn); // (T, B, n1 + n2): [x_t | r⊙h_{t-1}], the candidate's input
  setBlock(xrh, x.f32(), T * B, nIn, 0, n1);
  // with activation checkpointing z, r and hbar are not kept over time: backward recomputes each
  // step's from the kept [x_t | h_{t-1}] and [x_t | r⊙h_{t-1}] (the same kernels on the same inputs)
  const recompute = memoryPolicy().checkpoint && isGradEnabled();
  const kept = recompute ? 1 : T;
  const zs = buf(kept * cells),
    rs = buf(kept * cells),
    hbars = buf(kept * cells); // (T, B, n2) each
  const at = (a: F32, t: number): F32 => (recompute ? a : step(a, t, n2));
  const gates = buf(B * 2 * n2);
  const out = Tensor.empty([T, B, n2]);
  const hs = out.f32();
  const hPrevAt = (t: number): F32 => (t === 0 ? h0v : step(hs, t - 1, n2));
  /** z_t, r_t (from xh_t) and hbar_t (from xrh_t, which the forward fills in between) */
  const gatesAt = (t: number, fillXrh: boolean) => {
    kernels.linear(gates, step(xh, t, nIn), Wzr.W, Wzr.b, B, nIn, 2 * n2);
    kernels.sigmoid(gates, gates, 2 * cells);
    const z = at(zs, t),
      r = at(rs, t),
      hbar = at(hbars, t);
    z.set(block(gates, B, 2 * n2, 0, n2));
    r.set(block(gates, B, 2 * n2, n2, n2));
    const xrht = step(xrh, t, nIn);
    if (fillXrh) setBlock(xrht, mul(r, hPrevAt(t), cells), B, nIn, n1, n2);
    kernels.linear(hbar, xrht, Whb.W, Whb.b, B, nIn, n2);
    kernels.tanh(hbar, hbar, cells);
    return { z, r, hbar };
  };
  for (let t = 0; t < T; t++) {
    const hPrev = hPrevAt(t);
    setBlock(step(xh, t, nIn), hPrev, B, nIn, n1, n2);
    const { z, hbar } = gatesAt(t, true);
    // h_t = h + z (hbar - h)
    const ht = step(hs, t, n2);
    kernels.axpy(ht, hbar, hPrev, -1, cells);
    kernels.mul(ht, z, ht, cells);
    kernels.add(ht, hPrev, ht, cells);
  }
  record(out, "GRUBackward", [x, h0, ...paramsOf(zr, hb)], (gOut) => {
    const dhs = gOut.contiguous().f32();
    const dzr = buf(T * B * 2 * n2); // (T, B, 2·n2): d(pre) of [z | r]
    const dhbars = buf(T * cells); // d(pre) of the candidate
    const dxh = buf(T * B * nIn);
    const dxrh = buf(T * B * nIn);
    const g = buf(cells),
      dz = buf(cells),
      dr = buf(cells);
    let dhNext = zeros(cells);
    for (let t = T - 1; t >= 0; t--) {
      const hPrev = hPrevAt(t);
      const { z, r, hbar } = recompute ? gatesAt(t, false) : { z: step(zs, t, n2), r: step(rs, t, n2), hbar: step(hbars, t, n2) };
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
    return [new Tensor(dx, [T, B, n1]), new Tensor(dhNext, [B, n2]), ...sequenceParamGrads(zr, dzr, xh, T * B), ...sequenceParamGrads(hb, dhbars, xrh, T * B)];
  });
  return { hs: out, h: lastStep(out) };
}

/**
 * LSTM: i, f, o = σ(W xh), g = tanh(W_g xh), c_t = f⊙c + i⊙g, h_t = o⊙tanh(c_t), with `ifog`
 * stacking the four gates [i | f | o | g]; from x (T, B, n1) and the start state h0, c0 (B, n2).
 */
export function lstmSequence(ifog: Gates, xIn: Tensor, h0In: Tensor, c0In: Tensor): SequenceOutput {
  const { x, h0, T, B, n1, n2, nIn, xh, h0v, step } = sequenceInputs(xIn, h0In);
  const c0 = c0In.contiguous();
  const { W, b } = weightsOf(ifog); // (4·n2, n1 + n2)
  const nGates = 4 * n2;
  const cells = B * n2;
  const c0v = c0.f32();
  // with activation checkpointing only xh, c and h are kept over time; backward recomputes each
  // step's gates and tanh(c_t) from them (the same kernels on the same inputs: the same bits)
  const recompute = memoryPolicy().checkpoint && isGradEnabled();
  const gates = buf((recompute ? 1 : T) * B * nGates); // (T, B, 4·n2), activated
  const cs = buf(T * cells); // (T, B, n2)
  const tanhCs = buf((recompute ? 1 : T) * cells);
  const out = Tensor.empty([T, B, n2]);
  const hs = out.f32();
  const cPrevAt = (t: number): F32 => (t === 0 ? c0v : step(cs, t - 1, n2));
  const kept = (a: F32, t: number, width: number): F32 => (recompute ? a : step(a, t, width));
  for (let t = 0; t < T; t++) {
    const xht = step(xh, t, nIn);
    setBlock(xht, t === 0 ? h0v : step(hs, t - 1, n2), B, nIn, n1, n2);
    const g = kept(gates, t, nGates);
    kernels.linear(g, xht, W, b, B, nIn, nGates);
    kernels.lstmCell(g, step(cs, t, n2), kept(tanhCs, t, n2), step(hs, t, n2), cPrevAt(t), B, n2);
  }
  record(out, "LSTMBackward", [x, h0, c0, ...paramsOf(ifog)], (gOut) => {
    const dhs = gOut.contiguous().f32(); // (T, B, n2)
    const dgates = buf(T * B * nGates);
    const dxh = buf(T * B * nIn);
    const dh = buf(cells);
    let dhNext = zeros(cells); // what h_t receives through step t + 1
    let dc = zeros(cells);
    let dcPrev = buf(cells);
    const cAgain = recompute ? buf(cells) : null,
      hAgain = recompute ? buf(cells) : null;
    for (let t = T - 1; t >= 0; t--) {
      if (recompute) {
        kernels.linear(gates, step(xh, t, nIn), W, b, B, nIn, nGates);
        kernels.lstmCell(gates, cAgain!, tanhCs, hAgain!, cPrevAt(t), B, n2);
      }
      kernels.add(dh, step(dhs, t, n2), dhNext, cells);
      const dg = step(dgates, t, nGates);
      kernels.lstmCellBackward(dg, dcPrev, dh, dc, kept(gates, t, nGates), cPrevAt(t), kept(tanhCs, t, n2), B, n2);
      [dc, dcPrev] = [dcPrev, dc];
      const dxht = step(dxh, t, nIn);
      kernels.matmul(dxht, dg, W, B, nGates, nIn, false, false, false);
      dhNext = block(dxht, B, nIn, n1, n2);
    }
    const dx = new Tensor(block(dxh, T * B, nIn, 0, n1), [T, B, n1]);
    return [dx, new Tensor(dhNext, [B, n2]), new Tensor(dc, [B, n2]), ...sequenceParamGrads(ifog, dgates, xh, T * B)];
  });
  return { hs: out, h: lastStep(out), c: new Tensor(step(cs, T - 1, n2), [B, n2]) };
}
