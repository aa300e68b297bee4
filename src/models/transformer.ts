/**
 * GPT-style decoder-only Transformer: Vaswani et al. 2017, "Attention Is All You Need", in the
 * pre-LayerNorm GPT-2 arrangement (Radford et al. 2019), as makemore has it. Parameter names
 * are makemore.py's (`transformer.h.0.attn.c_attn.weight`, `lm_head.weight`).
 *
 * Dropout (config.dropout) sits where nanoGPT puts it, drawn in this order per forward: on the
 * summed token and position embeddings (transformer.drop), then in each block on the attention
 * probabilities (attn.attn_dropout), on the attention's output projection (attn.resid_dropout)
 * and on the MLP's output (mlp.dropout), the two residual branches; the fused attention kernel
 * applies its noise. Whenever dropout is 0 or the model is in eval mode, nothing is drawn.
 */
import { Tensor } from "../tensor/tensor.js";
import { arange } from "../tensor/creation.js";
import { Module } from "../nn/module.js";
import { Embedding, LayerNorm, Linear } from "../nn/layers.js";
import type { Decoder, IncrementalModel, LanguageModel, LossOptions, ModelConfig, ModelOutput } from "./config.js";
import { transformerDecoder } from "./transformer-decoder.js";
import { lmOutput } from "./loss.js";
import { causalSelfAttention } from "../tensor/ops/fused/attention.js";
import { Dropout } from "../nn/dropout.js";
import { runBlock } from "../nn/checkpoint.js";
import { dropoutOf } from "./config.js";

export class CausalSelfAttention extends Module {
  c_attn: Linear;
  c_proj: Linear;
  attn_dropout: Dropout;
  resid_dropout: Dropout;

  constructor(readonly config: ModelConfig) {
    super();
    this.c_attn = new Linear(config.nEmbd, 3 * config.nEmbd);
    this.c_proj = new Linear(config.nEmbd, config.nEmbd);
    this.attn_dropout = new Dropout(dropoutOf(config));
    this.resid_dropout = new Dropout(dropoutOf(config));
  }

  forward(x: Tensor): Tensor {
    const qkv = this.c_attn.forward(x); // (B, T, 3C)
    const [B, T] = qkv.shape;
    const nh = this.config.nHead;
    const y = causalSelfAttention(qkv, nh, this.attn_dropout.noise([B, nh, T, T])); // (B, T, C)
    return this.resid_dropout.forward(this.c_proj.forward(y));
  }
}

export class BlockMLP extends Module {
  c_fc: Linear;
  c_proj: Linear;
  dropout: Dropout;

  constructor(config: ModelConfig) {
    super();
    this.c_fc = new Linear(config.nEmbd, 4 * config.nEmbd);
    this.c_proj = new Linear(4 * config.nEmbd, config.nEmbd);
    this.dropout = new Dropout(dropoutOf(config));
  }

  forward(x: Tensor): Tensor {
    return this.dropout.forward(this.c_proj.forward(this.c_fc.forward(x).gelu({ approximate: "tanh" })));
  }
}

export class Block extends Module {
  ln_1: LayerNorm;
  attn: CausalSelfAttention;
  ln_2: LayerNorm;
  mlp: BlockMLP;

  constructor(config: ModelConfig) {
    super();
    this.ln_1 = new LayerNorm(config.nEmbd);
    this.attn = new CausalSelfAttention(config);
    this.ln_2 = new LayerNorm(config.nEmbd);
    this.mlp = new BlockMLP(config);
  }

  forward(x: Tensor): Tensor {
    x = x.add(this.attn.forward(this.ln_1.forward(x)));
    return x.add(this.mlp.forward(this.ln_2.forward(x)));
  }
}

export class TransformerBody extends Module {
  wte: Embedding;
  wpe: Embedding;
  drop: Dropout;
  h: Block[];
  ln_f: LayerNorm;

  constructor(config: ModelConfig) {
    super();
    this.wte = new Embedding(config.vocabSize, config.nEmbd);
    this.wpe = new Embedding(config.blockSize, config.nEmbd);
    this.drop = new Dropout(dropoutOf(config));
    this.h = Array.from({ length: config.nLayer }, () => new Block(config));
    this.ln_f = new LayerNorm(config.nEmbd);
  }
}

export class Transformer extends Module implements LanguageModel, IncrementalModel {
  readonly type = "transformer" as const;
  readonly blockSize: number;
  transformer: TransformerBody;
  lm_head: Linear;

  constructor(readonly config: ModelConfig) {
    super();
    this.blockSize = config.blockSize;
    this.transformer = new TransformerBody(config);
    this.lm_head = new Linear(config.nEmbd, config.vocabSize, { bias: false });
  }

  forward(idx: Tensor, targets?: Tensor | null, opts?: LossOptions): ModelOutput {
    const T = idx.shape[1];
    if (T > this.blockSize) throw new Error(`cannot forward a sequence of length ${T}: block size is only ${this.blockSize}`);
    const body = this.transformer;
    let x = body.drop.forward(body.wte.forward(idx).add(body.wpe.forward(arange(T)))); // (B, T, C)
    for (const block of body.h) x = runBlock(block, (xb) => block.forward(xb), x);
    return lmOutput(this.lm_head.forward(body.ln_f.forward(x)), targets, opts);
  }

  createDecoder(rows: number): Decoder {
    return transformerDecoder(this, rows);
  }
}
