/**
 * Hierarchical WaveNet-style MLP of nn-zero-to-hero part 5 ("Building makemore Part 5:
 * Building a WaveNet"), after van den Oord et al. 2016, "WaveNet: A Generative Model for Raw
 * Audio". 8 context tokens are fused two neighbours at a time, 8 → 4 → 2 → 1, through
 * FlattenConsecutive(2) → Linear(no bias) → BatchNorm1d → Tanh, then a Linear to the vocabulary.
 * Applied at every position: position t reads idx[t-7] … idx[t], <BLANK> (V) before the start.
 *
 * Dropout (config.dropout) once, on the last Tanh's output before lm_head: the hidden
 * representation, as in the MLP. Not between the levels, where it would feed a BatchNorm whose
 * running statistics would then be estimated under dropout's variance shift and applied without
 * it (Li et al. 2019, "Understanding the Disharmony between Dropout and Batch Normalization").
 */
import type { Tensor } from "../tensor/tensor.js";
import { embeddingLinear } from "../tensor/ops/embedding-linear.js";
import { Module } from "../nn/module.js";
import { BatchNorm1d, Embedding, FlattenConsecutive, Linear, Sequential, Tanh } from "../nn/layers.js";
import type { Decoder, IncrementalModel, LanguageModel, LossOptions, ModelConfig, ModelOutput } from "./config.js";
import { windowDecoder } from "./window-decoder.js";
import { lmOutput } from "./loss.js";
import { contextWindows } from "./context.js";
import { runBlock } from "../nn/checkpoint.js";
import { Dropout } from "../nn/dropout.js";
import { dropoutOf } from "./config.js";

const CONTEXT = 8; // 2³: three FlattenConsecutive(2) levels

export class WaveNet extends Module implements LanguageModel, IncrementalModel {
  readonly type = "wavenet" as const;
  readonly blockSize: number;
  wte: Embedding;
  net: Sequential;
  /** not inside net: net.1 … net.10 are the lecture's state-dict keys */
  dropout: Dropout;
  lm_head: Linear;

  constructor(readonly config: ModelConfig) {
    super();
    this.blockSize = config.blockSize;
    this.wte = new Embedding(config.vocabSize + 1, config.nEmbd); // +1: <BLANK>
    const layers = [];
    let nIn = config.nEmbd;
    for (let i = 0; i < 3; i++) {
      layers.push(new FlattenConsecutive(2), new Linear(2 * nIn, config.nEmbd2, { bias: false }), new BatchNorm1d(config.nEmbd2), new Tanh());
      nIn = config.nEmbd2;
    }
    this.net = new Sequential(...layers);
    this.dropout = new Dropout(dropoutOf(config));
    this.lm_head = new Linear(config.nEmbd2, config.vocabSize);
  }

  forward(idx: Tensor, targets?: Tensor | null, opts?: LossOptions): ModelOutput {
    const [B, T] = idx.shape;
    const win = contextWindows(idx, CONTEXT, this.config.vocabSize, false); // (B, T, 8), oldest first
    return lmOutput(this.head(win.view([B * T, CONTEXT])).view([B, T, this.config.vocabSize]), targets, opts);
  }

  /** windows (N, 8) → logits (N, V) */
  private head(win: Tensor): Tensor {
    const N = win.shape[0];
    const layers = this.net.layers;
    const first = layers[1] as Linear;
    // net.0 + net.1 (flatten pairs of embeddings, then Linear), fused: embeddingLinear reads the
    // pairs' indices directly; net.2 onwards as usual
    let x = embeddingLinear(win.reshape([N * (CONTEXT / 2), 2]), this.wte.weight, first.weight, first.bias).view([N, CONTEXT / 2, -1]);
    // each hierarchical level is a block for checkpointing and 16-bit storage: BatchNorm and
    // Tanh of level 1 (its Linear is fused above), then the whole of levels 2 and 3
    for (const [a, b] of [
      [2, 4],
      [4, 8],
      [8, 12],
    ]) {
      const level = layers.slice(a, b);
      x = runBlock(level, (xl) => level.reduce((h, layer) => layer.forward(h), xl), x);
    }
    return this.lm_head.forward(this.dropout.forward(x)); // x (N, n_embd2)
  }

  /** The same head from primitive ops, as the lecture writes it (the fused head's oracle). */
  headComposite(win: Tensor): Tensor {
    const N = win.shape[0];
    return this.lm_head.forward(this.dropout.forward(this.net.forward(this.wte.forward(win).view([N, CONTEXT, this.config.nEmbd]))));
  }

  createDecoder(rows: number): Decoder {
    return windowDecoder(rows, CONTEXT, this.config.vocabSize, false, (win) => this.head(win));
  }
}
