/**
 * A whole LSTM sequence as one autograd node, the way cuDNN runs it: the forward walks the time
 * steps with one GEMM and one gate kernel each, and the backward walks them in reverse but
 * defers the weight gradient to a single (4·n2, T·B) × (T·B, n1 + n2) GEMM at the end, instead
 * of T thin ones. Same math as stepping lstmCellFused over time (test/fused.test.ts checks).
 */
import { Tensor } from "../tensor/tensor.js";
import { record } from "../tensor/autograd.js";
import { kernels } from "../backend/index.js";
import { type F32, type Gates, block, buf, paramsOf, sequenceParamGrads, setBlock, timeStep, zeros } from "./gates.js";

/** h_t for every step (T, B, n2) from x (T, B, n1) and the start state h0, c0 (B, n2). */
export function lstmSequenceFused(ifog: Gates, x: Tensor, h0: Tensor, c0: Tensor): Tensor {
  x = x.contiguous();
  h0 = h0.contiguous();
  c0 = c0.contiguous();
  const [T, B, n1] = x.shape;
  const n2 = h0.shape[1];
  const nIn = n1 + n2;
  const nGates = 4 * n2;
  const cells = B * n2;
  const W = ifog.weight.contiguous().f32(); // (4·n2, n1 + n2)
  const bias = ifog.bias ? (ifog.bias.contiguous().f32()) : null;
  const h0v = h0.f32();
  const c0v = c0.f32();
  const step = (a: F32, t: number, width: number): F32 => timeStep(a, t, B, width);

  const xh = buf(T * B * nIn); // (T, B, n1 + n2): [x_t | h_{t-1}], kept for the weight gradient
  setBlock(xh, x.f32(), T * B, nIn, 0, n1);
  const gates = buf(T * B * nGates); // (T, B, 4·n2), activated
  const cs = buf(T * cells); // (T, B, n2)
  const tanhCs = buf(T * cells);
  const out = Tensor.empty([T, B, n2]);
  const hs = out.f32();
  const cPrevAt = (t: number): F32 => (t === 0 ? c0v : step(cs, t - 1, n2));
  for (let t = 0; t < T; t++) {
    const xht = step(xh, t, nIn);
    setBlock(xht, t === 0 ? h0v : step(hs, t - 1, n2), B, nIn, n1, n2);
    const g = step(gates, t, nGates);
    kernels.linear(g, xht, W, bias, B, nIn, nGates);
    kernels.lstmCell(g, step(cs, t, n2), step(tanhCs, t, n2), step(hs, t, n2), cPrevAt(t), B, n2);
  }

  return record(out, "LSTMBackward", [x, h0, c0, ...paramsOf(ifog)], (gOut) => {
    const dhs = gOut.contiguous().f32(); // (T, B, n2)
    const dgates = buf(T * B * nGates);
    const dxh = buf(T * B * nIn);
    const dh = buf(cells);
    let dhNext = zeros(cells); // what h_t receives through step t + 1
    let dc = zeros(cells);
    let dcPrev = buf(cells);
    for (let t = T - 1; t >= 0; t--) {
      kernels.add(dh, step(dhs, t, n2), dhNext, cells);
      const dg = step(dgates, t, nGates);
      kernels.lstmCellBackward(dg, dcPrev, dh, dc, step(gates, t, nGates), cPrevAt(t), step(tanhCs, t, n2), B, n2);
      [dc, dcPrev] = [dcPrev, dc];
      const dxht = step(dxh, t, nIn);
      kernels.matmul(dxht, dg, W, B, nGates, nIn, false, false, false);
      dhNext = block(dxht, B, nIn, n1, n2);
    }
    const dx = new Tensor(block(dxh, T * B, nIn, 0, n1), [T, B, n1]);
    return [dx, new Tensor(dhNext, [B, n2]), new Tensor(dc, [B, n2]), ...sequenceParamGrads(ifog, dgates, xh, T * B)];
  });
}
