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
import { stackGates } from "../tensor/ops/fused/gates.js";
import { type SequenceOutput, gruSequence, lstmSequence, rnnSequence } from "../tensor/ops/fused/recurrent.js";

export interface RecurrentState {
  h: Tensor;
  c?: Tensor;
}

export interface Cell extends Module {
  /** every step at once, time-major, as one fused node: x (T, B, n_embd) → h_t (T, B, n_embd2) and the final state */
  sequence(x: Tensor, state: RecurrentState): SequenceOutput;
  /** one step from primitive ops, as makemore writes it: the fused node's test oracle */
  stepComposite(xt: Tensor, state: RecurrentState): RecurrentState;
}

/** h_t = tanh(W [x_t, h_{t-1}] + b) */
export class RNNCell extends Module implements Cell {
  xh_to_h: Linear;

  constructor(config: ModelConfig) {
    super();
    this.xh_to_h = new Linear(config.nEmbd + config.nEmbd2, config.nEmbd2);
  }

  sequence(x: Tensor, { h }: RecurrentState): SequenceOutput {
    return rnnSequence(stackGates(this.xh_to_h), x, h);
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

  sequence(x: Tensor, { h }: RecurrentState): SequenceOutput {
    return gruSequence(stackGates(this.xh_to_z, this.xh_to_r), stackGates(this.xh_to_hbar), x, h);
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

  sequence(x: Tensor, { h, c }: RecurrentState): SequenceOutput {
    return lstmSequence(stackGates(this.xh_to_i, this.xh_to_f, this.xh_to_o, this.xh_to_g), x, h, c!);
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
