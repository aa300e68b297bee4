import { Tensor } from "../tensor/tensor.js";
import { noGrad } from "../tensor/autograd.js";
import { scratch } from "../backend/scratch.js";
import { softmax } from "../tensor/ops/nn.js";
import { multinomial } from "../tensor/random-ops.js";
import type { Generator } from "../random/generator.js";
import { type IncrementalModel, type LanguageModel, canDecode } from "../models/config.js";
import type { Vocab } from "../data/vocab.js";
import { checkSampleOptions } from "./options.js";

export { checkSampleOptions };

export interface SampleOptions {
  /** how many words (default 10) */
  num?: number;
  /** divides the logits; < 1 is more conservative, > 1 more adventurous (default 1) */
  temperature?: number;
  /** sample only among the k most likely next characters */
  topK?: number | null;
  /** every word starts with this text */
  prefix?: string;
  /** the random stream (default: the global generator, as makemore's torch.multinomial uses) */
  generator?: Generator;
}

/**
 * makemore's generate(): start every row from token 0 (then the prefix), repeatedly run the
 * model on the (cropped) context, take the last position's logits / temperature, optionally keep
 * the top k, and draw the next token with multinomial. Stops when every row has ended.
 * Returns the sampled token rows without the leading 0 (each cut at its first 0).
 */
export function generateTokens(
  model: LanguageModel,
  maxLength: number,
  opts: SampleOptions & { prefixTokens?: Int32Array; recompute?: boolean },
): Int32Array[] {
  const num = opts.num ?? 10;
  const temperature = opts.temperature ?? 1;
  const topK = opts.topK ?? null;
  const prefix = opts.prefixTokens ?? new Int32Array(0);
  const steps = Math.max(0, maxLength - prefix.length);
  const rows: number[][] = Array.from({ length: num }, () => [0, ...prefix]);
  const done = new Uint8Array(num);
  return noGrad(() => {
    const was = model.training;
    model.eval();
    try {
      const source = opts.recompute || !canDecode(model) ? recomputeAll(model, rows) : incremental(model, num, prefix);
      // each step's tensors live in the scratch arena; only the sampled tokens leave it
      const draw = (logits: Tensor): Int32Array => {
        const V = logits.shape[1];
        if (temperature !== 1) logits = logits.div(temperature);
        if (topK !== null && topK < V) logits = keepTopK(logits, topK);
        return Int32Array.from(multinomial(softmax(logits, -1), 1, { generator: opts.generator }).i32());
      };
      try {
        let next = scratch(() => draw(source.first()));
        for (let s = 0; s < steps; s++) {
          for (let i = 0; i < num; i++) {
            rows[i].push(next[i]);
            if (next[i] === 0) done[i] = 1;
          }
          if (done.every((d) => d === 1) || s === steps - 1) break;
          const fed = next;
          next = scratch(() => draw(source.next(fed)));
        }
      } finally {
        source.dispose();
      }
    } finally {
      model.train(was);
    }
    return rows.map((r) => {
      const out = r.slice(1);
      const end = out.indexOf(0);
      return Int32Array.from(end >= 0 ? out.slice(0, end) : out);
    });
  });
}

/** Next-token logits (num, V) for the newest position, before and after each sampled token. */
interface LogitsSource {
  first(): Tensor;
  next(sampled: Int32Array): Tensor;
  dispose(): void;
}

/** makemore's way: run the model on the whole (cropped) context and keep the last position. */
function recomputeAll(model: LanguageModel, rows: number[][]): LogitsSource {
  const run = () => {
    const num = rows.length;
    const len = rows[0].length;
    const ctx = Math.min(len, model.blockSize);
    const idx = new Int32Array(num * ctx);
    rows.forEach((r, i) => idx.set(r.slice(len - ctx), i * ctx));
    const { logits } = model.forward(new Tensor(idx, [num, ctx]));
    return logits.select(1, ctx - 1);
  };
  return { first: run, next: run, dispose() {} };
}

/** The same logits from the model's incremental decoder; the start token and the prefix go in first. */
function incremental(model: LanguageModel & IncrementalModel, num: number, prefix: Int32Array): LogitsSource {
  const decoder = model.createDecoder(num);
  return {
    first() {
      const feed = new Int32Array(num);
      let logits = decoder.step(feed);
      for (const t of prefix) logits = decoder.step(feed.fill(t));
      return logits;
    },
    next: (sampled) => decoder.step(sampled),
    dispose: () => decoder.dispose(),
  };
}

/** logits[logits < kth largest of the row] = -inf */
function keepTopK(logits: Tensor, k: number): Tensor {
  const [rows, V] = logits.shape;
  const src = logits.flat();
  const out = Tensor.empty([rows, V], "float32");
  const sorted = new Float32Array(V);
  for (let r = 0; r < rows; r++) {
    sorted.set(src.subarray(r * V, (r + 1) * V));
    sorted.sort();
    const kth = sorted[V - k];
    for (let j = 0; j < V; j++) out.storage[r * V + j] = src[r * V + j] < kth ? -Infinity : src[r * V + j];
  }
  return out;
}

/** Samples words from a model: the library's `sample(model, opts)`. */
export function sampleWords(model: LanguageModel, vocab: Vocab, maxLength: number, opts: SampleOptions = {}): string[] {
  checkSampleOptions(vocab, opts, { type: model.type, maxLength });
  const prefixTokens = opts.prefix ? vocab.encode(opts.prefix) : undefined;
  return generateTokens(model, maxLength, { ...opts, prefixTokens }).map((t) => vocab.decode(t));
}
