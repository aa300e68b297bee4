import { Tensor } from "../tensor/tensor.js";
import { noGrad } from "../tensor/autograd.js";
import { crossEntropy } from "../tensor/ops/nn.js";
import type { LanguageModel } from "../models/config.js";
import type { Vocab } from "../data/vocab.js";
import { codePoints } from "../data/words.js";
import { checkScoreWords } from "./options.js";

export interface WordScore {
  word: string;
  /** mean negative log-likelihood in nats per character, the end token included */
  nll: number;
  perplexity: number;
}

/** Models with learned position embeddings cannot read past their block size. */
const hasFixedContext = (m: LanguageModel): boolean => m.type === "transformer" || m.type === "bow";

/** How surprised the model is by each word: the NLL of [w…, end] given [start, w…]. */
export function scoreWords(model: LanguageModel, vocab: Vocab, words: readonly string[]): WordScore[] {
  checkScoreWords(words);
  for (const w of words) {
    const bad = vocab.unknownChars(w);
    if (bad.length) throw new Error(`${JSON.stringify(w)} has characters the model has never seen: ${bad.map((c) => JSON.stringify(c)).join(", ")}`);
    const n = codePoints(w).length;
    if (hasFixedContext(model) && n + 1 > model.blockSize)
      throw new Error(`${JSON.stringify(w)} has ${n} characters; this ${model.type} model reads at most ${model.blockSize - 1}`);
  }
  return noGrad(() => {
    const was = model.training;
    model.eval();
    try {
      return words.map((word) => {
        const ids = vocab.encode(word);
        const T = ids.length + 1;
        const x = new Int32Array(T);
        const y = new Int32Array(T);
        x.set(ids, 1);
        y.set(ids, 0);
        const { logits } = model.forward(new Tensor(x, [1, T]));
        const nll = crossEntropy(logits.view([T, -1]), new Tensor(y, [T])).item();
        // a loss of NaN or ∞ is no score: the weights diverged (or were written so)
        if (!Number.isFinite(nll)) throw new Error(`score: the model's loss on ${JSON.stringify(word)} is ${nll}: its weights are not finite`);
        return { word, nll, perplexity: Math.exp(nll) };
      });
    } finally {
      model.train(was);
    }
  });
}
