import type { LanguageModel, ModelType } from "../models/config.js";
import type { Vocab } from "../data/vocab.js";
import { codePoints } from "../data/words.js";
import { Tensor } from "../tensor/tensor.js";
import { noGrad } from "../tensor/autograd.js";
import { captureActivations } from "./capture.js";
import { type EmbeddingProjection, embeddingProjection } from "./projection.js";
import type { AttentionMapData } from "./plots/map-specs.js";

/**
 * The model's token embedding (the bigram's logit table) in the plane, one point per row,
 * labelled by character; ∅ is the MLP's <BLANK>. Null for a model without such a table.
 * It only reads the weights: no random draw, no change to the model.
 */
export function modelEmbedding(model: LanguageModel, vocab: Vocab): EmbeddingProjection | null {
  const table = model.namedParameters().find(([name]) => /(^|\.)wte\.weight$/.test(name) || name === "logits")?.[1];
  if (!table || table.ndim !== 2) return null;
  const labels = [".", ...vocab.chars, "∅"];
  return embeddingProjection(table, labels);
}

/** Why a model type has no attention map to draw: what it reads its context with instead. */
const NO_ATTENTION: Record<Exclude<ModelType, "transformer">, string> = {
  bigram: "the bigram reads only the previous character, through one table",
  mlp: "the MLP reads its last block of characters through one hidden layer, all at once",
  wavenet: "WaveNet merges neighbouring characters in pairs, up a tree",
  rnn: "the RNN reads the word one character at a time into its hidden state",
  gru: "the GRU reads the word one character at a time into its gated hidden state",
  lstm: "the LSTM reads the word one character at a time into its cell and hidden state",
  bow: "the bag of words averages every earlier character with equal weights (nothing learned decides where to look)",
};

/** Why a model of this type has no attention maps (null: it has them, it is a transformer). */
export function attentionUnavailable(type: ModelType): string | null {
  return type === "transformer" ? null : `only the transformer has attention maps: ${NO_ATTENTION[type]}`;
}

/**
 * Every layer's and head's attention weights as the transformer reads `word` (after the start
 * token), in eval mode and without gradients; the model is left as it was.
 */
export function attentionMaps(model: LanguageModel, vocab: Vocab, word: string): AttentionMapData {
  const unavailable = attentionUnavailable(model.type);
  if (unavailable) throw new Error(unavailable);
  const chars = codePoints(word);
  const unknown = chars.find((c) => !vocab.has(c));
  if (unknown !== undefined) throw new Error(`${JSON.stringify(word)} has a character the model does not know: ${JSON.stringify(unknown)}`);
  const tokens = [".", ...chars].slice(0, model.blockSize);
  const idx = new Tensor(Int32Array.from([0, ...vocab.encode(word)].slice(0, model.blockSize)), [1, tokens.length]);
  const wasTraining = model.training;
  model.eval();
  try {
    const { attention } = noGrad(() => captureActivations(model, () => model.forward(idx)));
    return { tokens, maps: attention };
  } finally {
    model.train(wasTraining);
  }
}
