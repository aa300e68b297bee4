/**
 * Recurrent cells. Vanilla RNN: Elman 1990, "Finding Structure in Time". GRU: Cho et al. 2014,
 * "Learning Phrase Representations using RNN Encoder-Decoder". LSTM: Hochreiter & Schmidhuber
 * 1997, with the forget gate of Gers, Schmidhuber & Cummins 2000; makemore has no LSTM, so
 * this one follows the GRU cell's template (one Linear per gate on [x_t, h_{t-1}]).
 */
import type { Tensor } from "../tensor/tensor.js";
import { cat } from "../tensor/ops/join.js";
import { Module } from "../nn/module.js";
import { Linear } from "../nn/layers.js";
import type { ModelConfig } from "./config.js";
import { type Gates, gruCellFused, lstmCellFused, rnnCellFused, stackGates } from "./fused-cells.js";
import { lstmSequenceFused } from "./lstm-sequence.js";
import { gruSequenceFused, rnnSequenceFused } from "./rnn-sequence.js";

export interface RecurrentState {
  h: Tensor;
  c?: Tensor;
}

/** A cell's gate weights stacked for one forward pass (one GEMM per gate group per step). */
export type CellWeights = Gates[];

export interface Cell extends Module {
  /** the stacked gate weights, built once per forward pass (an autograd op over the Linears) */
  stackWeights(): CellWeights;
  /** one time step as a single fused autograd node (fused-cells.ts) */
  step(xt: Tensor, state: RecurrentState, w: CellWeights): RecurrentState;
  /** the same step from primitive ops, as makemore writes it: the fused step's test oracle */
  stepComposite(xt: Tensor, state: RecurrentState): RecurrentState;
  /** optionally, every step at once, time-major: x (T, B, n_embd) → h_t (T, B, n_embd2) */
  sequence?(x: Tensor, state: RecurrentState, w: CellWeights): Tensor;
}

/** h_t = tanh(W [x_t, h_{t-1}] + b) */
export class RNNCell extends Module implements Cell {
  xh_to_h: Linear;

  constructor(config: ModelConfig) {
    super();
    this.xh_to_h = new Linear(config.nEmbd + config.nEmbd2, config.nEmbd2);
  }

  stackWeights(): CellWeights {
    return [stackGates(this.xh_to_h)];
  }

  step(xt: Tensor, { h }: RecurrentState, [w]: CellWeights): RecurrentState {
    return { h: rnnCellFused(w, xt, h) };
  }

  sequence(x: Tensor, { h }: RecurrentState, [w]: CellWeights): Tensor {
    return rnnSequenceFused(w, x, h);
  }

  stepComposite(xt: Tensor, { h }: RecurrentState): RecurrentState {
    return { h: this.xh_to_h.forward(cat([xt, h], 1)).tanh() };
  }
}

/** z (update), r (reset), hbar (candidate); h_t = (1 - z) h + z hbar. Creation order z, r, hbar fixes the init stream. */
export class GRUCell extends Module implements Cell {
  xh_to_z: Linear;
  xh_to_r: Linear;
  xh_to_hbar: Linear;

  constructor(config: ModelConfig) {
    super();
    const nIn = config.nEmbd + config.nEmbd2;
    this.xh_to_z = new Linear(nIn, config.nEmbd2);
    this.xh_to_r = new Linear(nIn, config.nEmbd2);
    this.xh_to_hbar = new Linear(nIn, config.nEmbd2);
  }

  stackWeights(): CellWeights {
    return [stackGates(this.xh_to_z, this.xh_to_r), stackGates(this.xh_to_hbar)];
  }

  step(xt: Tensor, { h }: RecurrentState, [zr, hb]: CellWeights): RecurrentState {
    return { h: gruCellFused(zr, hb, xt, h) };
  }

  sequence(x: Tensor, { h }: RecurrentState, [zr, hb]: CellWeights): Tensor {
    return gruSequenceFused(zr, hb, x, h);
  }

  stepComposite(xt: Tensor, { h }: RecurrentState): RecurrentState {
    const xh = cat([xt, h], 1);
    const r = this.xh_to_r.forward(xh).sigmoid();
    const hbar = this.xh_to_hbar.forward(cat([xt, r.mul(h)], 1)).tanh();
    const z = this.xh_to_z.forward(xh).sigmoid();
    return { h: z.rsub(1).mul(h).add(z.mul(hbar)) };
  }
}

/** i, f, o gates and g candidate; c_t = f c + i g, h_t = o tanh(c_t). Creation order i, f, o, g. */
export class LSTMCell extends Module implements Cell {
  xh_to_i: Linear;
  xh_to_f: Linear;
  xh_to_o: Linear;
  xh_to_g: Linear;

  constructor(config: ModelConfig) {
    super();
    const nIn = config.nEmbd + config.nEmbd2;
    this.xh_to_i = new Linear(nIn, config.nEmbd2);
    this.xh_to_f = new Linear(nIn, config.nEmbd2);
    this.xh_to_o = new Linear(nIn, config.nEmbd2);
    this.xh_to_g = new Linear(nIn, config.nEmbd2);
  }

  stackWeights(): CellWeights {
    return [stackGates(this.xh_to_i, this.xh_to_f, this.xh_to_o, this.xh_to_g)];
  }

  step(xt: Tensor, { h, c }: RecurrentState, [ifog]: CellWeights): RecurrentState {
    const n2 = h.shape[1];
    const hc = lstmCellFused(ifog, xt, h, c!); // (B, 2·n2)
    return { h: hc.narrow(1, 0, n2), c: hc.narrow(1, n2, n2) };
  }

  sequence(x: Tensor, { h, c }: RecurrentState, [ifog]: CellWeights): Tensor {
    return lstmSequenceFused(ifog, x, h, c!);
  }

  stepComposite(xt: Tensor, { h, c }: RecurrentState): RecurrentState {
    const xh = cat([xt, h], 1);
    const i = this.xh_to_i.forward(xh).sigmoid();
    const f = this.xh_to_f.forward(xh).sigmoid();
    const o = this.xh_to_o.forward(xh).sigmoid();
    const g = this.xh_to_g.forward(xh).tanh();
    const cNext = f.mul(c!).add(i.mul(g));
    return { h: o.mul(cNext.tanh()), c: cNext };
  }
}
