/**
 * MLP language model: Bengio, Ducharme, Vincent & Jauvin 2003, "A Neural Probabilistic
 * Language Model". The embeddings of the previous block_size tokens are concatenated and fed
 * through a tanh hidden layer; positions before the start read a <BLANK> token (index V).
 *
 * Dropout (config.dropout) on the tanh hidden units, before the output layer: the placement of
 * Srivastava et al. 2014 for a one-hidden-layer net, and the only activation that is not an
 * embedding lookup or the logits.
 */
import type { Tensor } from "../tensor/tensor.js";
import { embeddingLinear } from "../tensor/ops/embedding-linear.js";
import { Module } from "../nn/module.js";
import { Embedding, Linear, Sequential, Tanh } from "../nn/layers.js";
import type { Decoder, IncrementalModel, LanguageModel, LossOptions, ModelConfig, ModelOutput } from "./config.js";
import { windowDecoder } from "./window-decoder.js";
import { lmOutput } from "./loss.js";
import { contextWindows } from "./context.js";
import { Dropout } from "../nn/dropout.js";
import { dropoutOf } from "./config.js";

export class MLP extends Module implements LanguageModel, IncrementalModel {
  readonly type = "mlp" as const;
  readonly blockSize: number;
  wte: Embedding;
  mlp: Sequential;
  /** not inside mlp: mlp.0 / mlp.2 are makemore's state-dict keys */
  dropout: Dropout;

  constructor(readonly config: ModelConfig) {
    super();
    this.blockSize = config.blockSize;
    this.wte = new Embedding(config.vocabSize + 1, config.nEmbd); // +1: <BLANK>
    this.mlp = new Sequential(new Linear(config.blockSize * config.nEmbd, config.nEmbd2), new Tanh(), new Linear(config.nEmbd2, config.vocabSize));
    this.dropout = new Dropout(dropoutOf(config));
  }

  forward(idx: Tensor, targets?: Tensor | null, opts?: LossOptions): ModelOutput {
    // makemore rolls idx block_size times; window j is the token j steps back (newest first)
    const win = contextWindows(idx, this.blockSize, this.config.vocabSize, true); // (B, T, block)
    return lmOutput(this.head(win), targets, opts);
  }

  /** windows (…, block) → logits (…, V) */
  private head(win: Tensor): Tensor {
    const lead = win.shape.slice(0, -1);
    const [first, act, last] = this.mlp.layers as [Linear, Tanh, Linear];
    // mlp.0 on the concatenated embeddings, fused (embeddingLinear): no (…, block·n_embd) matrix
    const h = embeddingLinear(win.reshape([-1, this.blockSize]), this.wte.weight, first.weight, first.bias);
    return last.forward(this.dropout.forward(act.forward(h))).view([...lead, this.config.vocabSize]);
  }

  /** The same head from primitive ops, as makemore writes it (the fused head's oracle). */
  headComposite(win: Tensor): Tensor {
    const x = this.wte.forward(win); // (…, block, n_embd)
    const [first, act, last] = this.mlp.layers as [Linear, Tanh, Linear];
    return last.forward(this.dropout.forward(act.forward(first.forward(x.view([...win.shape.slice(0, -1), this.blockSize * this.config.nEmbd])))));
  }

  createDecoder(rows: number): Decoder {
    return windowDecoder(rows, this.blockSize, this.config.vocabSize, true, (win) => this.head(win));
  }
}
