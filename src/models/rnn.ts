/**
 * makemore's RNN language model: embed each token, run a cell over time from a learned start
 * state, project every h_t to logits. The cell is a vanilla RNN (Elman 1990), a GRU (Cho et al.
 * 2014) or an LSTM (Hochreiter & Schmidhuber 1997); see cells.ts.
 */
import { Tensor } from "../tensor/tensor.js";
import { zeros } from "../tensor/creation.js";
import { Module, parameter } from "../nn/module.js";
import { Embedding, Linear } from "../nn/layers.js";
import type { Decoder, IncrementalModel, LanguageModel, LossOptions, ModelConfig, ModelOutput } from "./config.js";
import { lmOutput } from "./loss.js";
import { type Cell, GRUCell, LSTMCell, RNNCell, type RecurrentState } from "./cells.js";
import { withAllocator } from "../tensor/storage.js";
import { regionAllocator } from "../backend/scratch.js";
import { runBlock } from "../nn/checkpoint.js";

export class RNN extends Module implements LanguageModel, IncrementalModel {
  readonly blockSize: number;
  // field order is the state-dict order: start, [start_c,] wte, cell, lm_head
  start: Tensor;
  start_c?: Tensor;
  wte: Embedding;
  cell: Cell;
  lm_head: Linear;

  constructor(
    readonly config: ModelConfig,
    readonly type: "rnn" | "gru" | "lstm",
  ) {
    super();
    this.blockSize = config.blockSize;
    this.start = parameter(zeros([1, config.nEmbd2]));
    if (type === "lstm") this.start_c = parameter(zeros([1, config.nEmbd2]));
    this.wte = new Embedding(config.vocabSize, config.nEmbd);
    this.cell = type === "rnn" ? new RNNCell(config) : type === "gru" ? new GRUCell(config) : new LSTMCell(config);
    this.lm_head = new Linear(config.nEmbd2, config.vocabSize);
  }

  initialState(batch: number): RecurrentState {
    const h = this.start.expand([batch, -1]);
    return this.start_c ? { h, c: this.start_c.expand([batch, -1]) } : { h };
  }

  forward(idx: Tensor, targets?: Tensor | null, opts?: LossOptions): ModelOutput {
    const [B] = idx.shape;
    const x = this.wte.forward(idx.transpose(0, 1).contiguous()); // (T, B, n_embd)
    const init = this.initialState(B);
    // under 16-bit storage the sequence node's buffers are kept in 16 bits; checkpointing is the node's own
    const hs = runBlock(this, (xs) => this.cell.sequence(xs, init).hs, x, { recompute: false }).transpose(0, 1); // (B, T, n_embd2)
    return lmOutput(this.lm_head.forward(hs), targets, opts); // (B, T, V)
  }

  /** The sequence node with T = 1 per token; h (and c) persist in their own memory between steps. */
  createDecoder(rows: number): Decoder {
    const keep = regionAllocator();
    const persist = (t: Tensor) => withAllocator(keep, () => t.contiguous().clone());
    const init = this.initialState(rows);
    const state: RecurrentState = { h: persist(init.h), c: init.c && persist(init.c) };
    return {
      step: (tokens) => {
        const x = this.wte.forward(new Tensor(tokens.slice(), [1, rows])); // (1, rows, n_embd)
        const next = this.cell.sequence(x, state);
        state.h.f32().set(next.h.contiguous().f32());
        if (next.c) state.c!.f32().set(next.c.f32());
        return this.lm_head.forward(next.h);
      },
      dispose: () => keep.release(),
    };
  }
}
