import { Tensor } from "../tensor/tensor.js";
import { noGrad } from "../tensor/autograd.js";
import { crossEntropy, softmax } from "../tensor/ops/nn.js";
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

export interface CharScore {
  /** the character predicted, or "" for the end of the word */
  char: string;
  /** the probability the model gave it, after the characters before it */
  p: number;
}

export interface WordCharScores extends WordScore {
  /** one entry per character, then the end token */
  chars: CharScore[];
}

/** Models with learned position embeddings cannot read past their block size. */
const hasFixedContext = (m: LanguageModel): boolean => m.type === "transformer" || m.type === "bow";

/** Checks that a model can read every word (strings, non-empty, its characters and its block size). */
function checkScorable(model: LanguageModel, vocab: Vocab, words: readonly string[]): void {
  checkScoreWords(words);
  for (const w of words) {
    const bad = vocab.unknownChars(w);
    if (bad.length) throw new Error(`${JSON.stringify(w)} has characters the model has never seen: ${bad.map((c) => JSON.stringify(c)).join(", ")}`);
    const n = codePoints(w).length;
    if (hasFixedContext(model) && n + 1 > model.blockSize)
      throw new Error(`${JSON.stringify(w)} has ${n} characters; this ${model.type} model reads at most ${model.blockSize - 1}`);
  }
}

/** How surprised the model is by each word: the NLL of [w…, end] given [start, w…]. */
export function scoreWords(model: LanguageModel, vocab: Vocab, words: readonly string[]): WordScore[] {
  checkScorable(model, vocab, words);
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

/** scoreWords for one word, with the probability of each character (and of the end) on the way. */
export function scoreWordChars(model: LanguageModel, vocab: Vocab, word: string): WordCharScores {
  const [total] = scoreWords(model, vocab, [word]);
  const chars = codePoints(word);
  const ids = vocab.encode(word);
  const T = ids.length + 1;
  const x = new Int32Array(T);
  x.set(ids, 1);
  const probs = noGrad(() => {
    const was = model.training;
    model.eval();
    try {
      const { logits } = model.forward(new Tensor(x, [1, T]));
      return Float32Array.from(softmax(logits.view([T, -1]), -1).f32());
    } finally {
      model.train(was);
    }
  });
  const V = probs.length / T;
  const out: CharScore[] = [];
  for (let t = 0; t < T; t++) out.push({ char: t < chars.length ? chars[t] : "", p: probs[t * V + (t < ids.length ? ids[t] : 0)] });
  return { ...total, chars: out };
}
