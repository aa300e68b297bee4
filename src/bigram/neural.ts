import type { Vocab } from "../data/vocab.js";
import type { Tensor } from "../tensor/tensor.js";
import { arange, tensor } from "../tensor/creation.js";
import { oneHot } from "../tensor/ops/indexing.js";
import { randn } from "../tensor/random-ops.js";
import { noGrad } from "../tensor/autograd.js";
import { scratch } from "../backend/scratch.js";
import { Generator } from "../random/generator.js";
import { countBigrams } from "./counts.js";
import { bigramExamples, vocabOf } from "./tokens.js";
import { type BigramSampleOptions, NOTEBOOK_SEED, sampleWordsWith } from "./sample.js";

export interface NeuralBigramOptions {
  /** Seeds the generator W is drawn from (default 2147483647). */
  seed?: number | bigint;
  generator?: Generator;
  /** Gradient descent steps (default 100). */
  steps?: number;
  /** Learning rate (default 50). */
  lr?: number;
  /** Weight of the `(W**2).mean()` regularisation (default 0.01). */
  reg?: number;
  /**
   * Run the notebook's computation on every example (one one-hot row per bigram in the file).
   * By default identical examples are merged into one row weighted by its count: the same loss
   * and gradient up to float32 rounding, V² rows instead of hundreds of thousands.
   */
  allExamples?: boolean;
  /** The vocabulary (default: the words' own characters). */
  vocab?: Vocab;
  /** Called with each step's loss before its update, as the notebook prints `loss.item()`. */
  onStep?: (step: number, loss: number) => void;
}

export interface NeuralBigram {
  readonly vocab: Vocab;
  /** The trained (V, V) weights: logits = one_hot(x) @ W. */
  readonly W: Tensor;
  /** The loss at every step, before that step's update. */
  readonly losses: number[];
}

/** A batch of (x, y) examples; `weight` multiplies each example's log-likelihood. */
interface Batch {
  xs: Tensor;
  ys: Tensor;
  weight: Tensor | null;
  num: number;
}

function mergedBatch(words: readonly string[], vocab: Vocab): Batch {
  const c = countBigrams(words, vocab);
  const xs: number[] = [];
  const ys: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < c.counts.length; i++) {
    if (c.counts[i] === 0) continue;
    xs.push(Math.floor(i / c.size));
    ys.push(i % c.size);
    weight.push(c.counts[i]);
  }
  const t = (a: number[]) => tensor(Int32Array.from(a));
  return { xs: t(xs), ys: t(ys), weight: tensor(Float32Array.from(weight)), num: c.numBigrams };
}

function fullBatch(words: readonly string[], vocab: Vocab): Batch {
  const { xs, ys } = bigramExamples(words, vocab);
  return { xs: tensor(xs), ys: tensor(ys), weight: null, num: xs.length };
}

/** The data loss: the mean negative log-likelihood of the examples under softmax(one_hot(x) @ W). */
function dataLoss(W: Tensor, batch: Batch, V: number): Tensor {
  const xenc = oneHot(batch.xs, V).float();
  const logits = xenc.matmul(W); // log-counts
  const counts = logits.exp(); // equivalent to N
  const probs = counts.div(counts.sum(1, { keepdim: true }));
  const logp = probs.index([arange(batch.xs.shape[0]), batch.ys]).log();
  return batch.weight ? logp.mul(batch.weight).sum().div(batch.num).neg() : logp.mean().neg();
}

const totalLoss = (W: Tensor, batch: Batch, V: number, reg: number): Tensor => dataLoss(W, batch, V).add(W.pow(2).mean().mul(reg));

/**
 * The notebook's neural bigram: W ~ randn((V, V)), then for each step the loss
 * `-probs[arange(num), ys].log().mean() + reg * (W**2).mean()`, backward, `W.data += -lr * W.grad`.
 */
export function trainNeuralBigram(words: readonly string[], opts: NeuralBigramOptions = {}): NeuralBigram {
  const steps = opts.steps ?? 100;
  const lr = opts.lr ?? 50;
  const reg = opts.reg ?? 0.01;
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`steps must be an integer >= 0, got ${steps}`);
  if (!Number.isFinite(lr)) throw new Error(`the learning rate must be a finite number, got ${lr}`);
  if (!(reg >= 0) || !Number.isFinite(reg)) throw new Error(`the regularisation must be a finite number >= 0, got ${reg}`);
  if (words.length === 0) throw new Error("no words to train on");
  const vocab = opts.vocab ?? vocabOf(words);
  const V = vocab.size;
  const batch = opts.allExamples ? fullBatch(words, vocab) : mergedBatch(words, vocab);
  const generator = opts.generator ?? new Generator(opts.seed ?? NOTEBOOK_SEED);
  const W = randn([V, V], { generator, requiresGrad: true });
  const losses: number[] = [];
  for (let k = 0; k < steps; k++) {
    // one step's tensors (the grad too) live in the scratch arena; W is updated in place
    const value = scratch(() => {
      const loss = totalLoss(W, batch, V, reg);
      W.grad = null;
      loss.backward();
      noGrad(() => W.data.add_(W.grad!.mul(-lr)));
      W.grad = null;
      return loss.item();
    });
    losses.push(value);
    opts.onStep?.(k, value);
  }
  return { vocab, W, losses };
}

/** The loss of trained weights on words, without the regularisation (`data`) and with it (`total`). */
export function neuralBigramLoss(net: NeuralBigram, words: readonly string[], reg = 0.01): { data: number; total: number } {
  return noGrad(() => {
    const batch = mergedBatch(words, net.vocab);
    const data = dataLoss(net.W, batch, net.vocab.size);
    return { data: data.item(), total: data.add(net.W.pow(2).mean().mul(reg)).item() };
  });
}

/** `W.exp()` with each row normalised: the net's P, to compare with the counts'. */
export function neuralBigramProbs(W: Tensor): Tensor {
  return noGrad(() => {
    const counts = W.exp();
    return counts.div(counts.sum(1, { keepdim: true }));
  });
}

/** The notebook's sampling from the net: each step one_hot([ix]) @ W, exp, normalise, multinomial. */
export function sampleNeuralBigram(net: NeuralBigram, opts: BigramSampleOptions = {}): string[] {
  const V = net.vocab.size;
  return noGrad(() =>
    sampleWordsWith(
      (ix) => {
        const counts = oneHot(tensor(Int32Array.of(ix)), V)
          .float()
          .matmul(net.W)
          .exp();
        return counts.div(counts.sum(1, { keepdim: true }));
      },
      net.vocab,
      opts,
    ),
  );
}
