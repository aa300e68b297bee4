/**
 * makemore's causal bag-of-words: each position averages the embeddings of itself and every
 * earlier position (uniform causal attention), then a residual tanh MLP. The averaging idea is
 * the "weighted aggregation" warm-up to self-attention in Vaswani et al. 2017.
 *
 * Dropout (config.dropout) as in the Transformer it prefigures (nanoGPT's places): on the summed
 * embeddings (drop) and on the MLP's residual branch (context_block.mlp.dropout), in that order.
 * The causal average has no learned probabilities to drop, so it gets none.
 */
import { Tensor } from "../tensor/tensor.js";
import { arange } from "../tensor/creation.js";
import { Module } from "../nn/module.js";
import { Embedding, Linear } from "../nn/layers.js";
import type { Decoder, IncrementalModel, LanguageModel, LossOptions, ModelConfig, ModelOutput } from "./config.js";
import { lmOutput } from "./loss.js";
import { causalMean } from "../tensor/ops/fused/causal-mean.js";
import { withAllocator } from "../tensor/storage.js";
import { regionAllocator } from "../backend/scratch.js";
import { kernels } from "../backend/index.js";
import { Dropout } from "../nn/dropout.js";
import { dropoutOf } from "./config.js";
import { runBlock } from "../nn/checkpoint.js";

class BoWMLP extends Module {
  c_fc: Linear;
  c_proj: Linear;
  dropout: Dropout;

  constructor(config: ModelConfig) {
    super();
    this.c_fc = new Linear(config.nEmbd, config.nEmbd2);
    this.c_proj = new Linear(config.nEmbd2, config.nEmbd);
    this.dropout = new Dropout(dropoutOf(config));
  }

  forward(x: Tensor): Tensor {
    return this.dropout.forward(this.c_proj.forward(this.c_fc.forward(x).tanh()));
  }
}

class BoWBlock extends Module {
  mlp: BoWMLP;

  constructor(config: ModelConfig) {
    super();
    this.mlp = new BoWMLP(config);
  }

  forward(x: Tensor): Tensor {
    x = x.add(causalMean(x)); // makemore: softmax(masked zeros) (T, T) @ x
    return x.add(this.mlp.forward(x));
  }
}

export class BoW extends Module implements LanguageModel, IncrementalModel {
  readonly type = "bow" as const;
  readonly blockSize: number;
  wte: Embedding;
  wpe: Embedding;
  drop: Dropout;
  context_block: BoWBlock;
  lm_head: Linear;

  constructor(readonly config: ModelConfig) {
    super();
    this.blockSize = config.blockSize;
    this.wte = new Embedding(config.vocabSize, config.nEmbd);
    this.wpe = new Embedding(config.blockSize, config.nEmbd);
    this.drop = new Dropout(dropoutOf(config));
    this.context_block = new BoWBlock(config);
    this.lm_head = new Linear(config.nEmbd, config.vocabSize);
  }

  forward(idx: Tensor, targets?: Tensor | null, opts?: LossOptions): ModelOutput {
    const T = idx.shape[1];
    if (T > this.blockSize) throw new Error(`cannot forward a sequence of length ${T}: block size is only ${this.blockSize}`);
    const x = this.drop.forward(this.wte.forward(idx).add(this.wpe.forward(arange(T)))); // (B, T, C)
    const block = this.context_block;
    return lmOutput(this.lm_head.forward(runBlock(block, (xb) => block.forward(xb), x)), targets, opts);
  }

  /** Keeps the running sum of the embeddings (in its own memory), so each step averages in O(1). */
  createDecoder(rows: number): Decoder {
    const C = this.config.nEmbd;
    const keep = regionAllocator();
    const sum = withAllocator(keep, () => Tensor.zeros([rows, C]));
    let t = 0;
    return {
      step: (tokens) => {
        if (t >= this.blockSize) throw new Error(`cannot decode past the block size (${this.blockSize})`);
        const x = this.wte.forward(new Tensor(tokens.slice(), [rows])).add(this.wpe.weight.select(0, t)); // (rows, C)
        const S = sum.f32();
        kernels.add(S, S, x.f32(), rows * C);
        t++;
        const y = x.add(sum.div(t));
        return this.lm_head.forward(y.add(this.context_block.mlp.forward(y)));
      },
      dispose: () => keep.release(),
    };
  }
}
