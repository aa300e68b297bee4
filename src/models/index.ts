import { type LanguageModel, type ModelConfig, type ModelType, validateConfig } from "./config.js";
import { Bigram } from "./bigram.js";
import { MLP } from "./mlp.js";
import { WaveNet } from "./wavenet.js";
import { RNN } from "./rnn.js";
import { BoW } from "./bow.js";
import { Transformer } from "./transformer.js";

export * from "./config.js";
export { Bigram, MLP, WaveNet, RNN, BoW, Transformer };

/** Builds a model; its parameters are drawn from the default generator in PyTorch's order. */
export function createModel(type: ModelType, config: ModelConfig): LanguageModel {
  validateConfig({ type, ...config });
  switch (type) {
    case "bigram":
      return new Bigram(config);
    case "mlp":
      return new MLP(config);
    case "wavenet":
      return new WaveNet(config);
    case "rnn":
    case "gru":
    case "lstm":
      return new RNN(config, type);
    case "bow":
      return new BoW(config);
    case "transformer":
      return new Transformer(config);
    default:
      return type satisfies never;
  }
}
