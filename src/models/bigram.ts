/**
 * Bigram language model: a (V, V) table of next-token logits indexed by the current token.
 * The counting version of the same model is Markov's (1913); makemore learns the table.
 */
import { zeros } from "../tensor/creation.js";
import { embedding } from "../tensor/ops/indexing.js";
import { Module, parameter } from "../nn/module.js";
import { Tensor } from "../tensor/tensor.js";
import type { Decoder, IncrementalModel, LanguageModel, LossOptions, ModelConfig, ModelOutput } from "./config.js";
import { lmOutput } from "./loss.js";
import { bigramLoss } from "../tensor/ops/fused/bigram-loss.js";

export class Bigram extends Module implements LanguageModel, IncrementalModel {
  readonly type = "bigram" as const;
  readonly blockSize = 1;
  logits: Tensor;

  constructor(readonly config: ModelConfig) {
    super();
    this.logits = parameter(zeros([config.vocabSize, config.vocabSize]));
  }

  forward(idx: Tensor, targets?: Tensor | null, opts?: LossOptions): ModelOutput {
    const logits = embedding(idx, this.logits); // (B, T, V)
    // the loss by counting pairs (bigramLoss), the same as cross-entropy of these logits
    return { logits, loss: targets ? bigramLoss(this.logits, idx, targets, opts?.normalizer) : null };
  }

  /** makemore's loss, cross-entropy over the looked-up logits: bigramLoss's oracle. */
  forwardComposite(idx: Tensor, targets: Tensor): ModelOutput {
    return lmOutput(embedding(idx, this.logits), targets);
  }

  createDecoder(rows: number): Decoder {
    return { step: (tokens) => embedding(new Tensor(tokens.slice(), [rows]), this.logits), dispose() {} };
  }
}
