import type { Vocab } from "../data/vocab.js";
import type { Tensor } from "../tensor/tensor.js";
import { tokenChar, tokenStream } from "./tokens.js";

export interface BigramTerm {
  /** e.g. ".e" */
  readonly bigram: string;
  /** `P[a, b]` (float32). */
  readonly prob: number;
  /** `torch.log(prob)` (float32; -Infinity for a zero probability). */
  readonly logProb: number;
}

export interface BigramNll {
  /** Σ log P over every bigram, summed in float32 term by term as the notebook's loop does. */
  readonly logLikelihood: number;
  /** -logLikelihood. */
  readonly nll: number;
  /** Number of bigrams (the start and the end of each word included). */
  readonly n: number;
  /** nll / n in float32: the average negative log-likelihood, the loss. */
  readonly meanNll: number;
  /** Every bigram's probability, in order, when asked for with `{ terms: true }`. */
  readonly terms?: BigramTerm[];
}

/**
 * The notebook's evaluation loop. `log_likelihood = 0.0; log_likelihood += torch.log(prob)` makes
 * a float32 tensor, so the sum is rounded to float32 after every term: that is why it prints
 * 2.4541 for names.txt where a float64 sum gives 2.4540.
 */
export function bigramNll(P: Tensor, vocab: Vocab, words: readonly string[], opts: { terms?: boolean } = {}): BigramNll {
  if (words.length === 0) throw new Error("no words to evaluate");
  const V = vocab.size;
  if (P.ndim !== 2 || P.shape[0] !== V || P.shape[1] !== V) throw new Error(`expected probabilities of shape (${V}, ${V}), got (${P.shape.join(", ")})`);
  const probs = P.float().f32();
  const { stream } = tokenStream(words, vocab);
  const terms: BigramTerm[] | undefined = opts.terms ? [] : undefined;
  let acc = 0;
  for (let i = 1; i < stream.length; i++) {
    const a = stream[i - 1];
    const b = stream[i];
    const prob = probs[a * V + b];
    const logProb = Math.fround(Math.log(prob));
    acc = Math.fround(acc + logProb);
    terms?.push({ bigram: tokenChar(vocab, a) + tokenChar(vocab, b), prob, logProb });
  }
  const n = stream.length - 1;
  const nll = -acc;
  return { logLikelihood: acc, nll, n, meanNll: Math.fround(nll / n), ...(terms ? { terms } : {}) };
}
