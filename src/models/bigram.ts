/**
 * Bigram language model: a (V, V) table of next-token logits indexed by the current token.
 * The counting version of the same model is Markov's (1913); makemore learns the table.
 */
import type { Tensor } from "../tensor/tensor.js";
import { zeros } from "../tensor/creation.js";
import { embedding } from "../tensor/ops/indexing.js";
import { Module, parameter } from "../nn/module.js";
import type { LanguageModel, ModelConfig, ModelOutput } from "./config.js";
import { lmOutput } from "./loss.js";

export class Bigram extends Module implements LanguageModel {
  readonly type = "bigram" as const;
  readonly blockSize = 1;
  logits: Tensor;

  constructor(readonly config: ModelConfig) {
    super();
    this.logits = parameter(zeros([config.vocabSize, config.vocabSize]));
  }

  forward(idx: Tensor, targets?: Tensor | null): ModelOutput {
    return lmOutput(embedding(idx, this.logits), targets); // (B, T, V)
  }
}
