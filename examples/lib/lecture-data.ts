// What every lecture notebook does first, with the library's public API: read names.txt, build
// the vocabulary and the (X, Y) dataset for a block size, and the 80/10/10 split after
// `random.seed(42); random.shuffle(words)` (Python's generator, reproduced by mm.PyRandom).
import * as mm from "makemore";
import { fileURLToPath } from "node:url";

export const NAMES_FILE = fileURLToPath(new URL("../../../data/names.txt", import.meta.url));

export interface Vocabulary {
  stoi: Map<string, number>;
  itos: string[];
}

export function vocabulary(words: readonly string[]): Vocabulary {
  const chars = [...new Set(words.join(""))].sort();
  const stoi = new Map(chars.map((s, i) => [s, i + 1]));
  stoi.set(".", 0);
  return { stoi, itos: [".", ...chars] };
}

/** X (N, blockSize) holds each context, Y (N) the next character; every word ends with '.'. */
export function buildDataset(words: readonly string[], { stoi }: Vocabulary, blockSize: number): { X: mm.Tensor; Y: mm.Tensor } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const w of words) {
    let context = new Array<number>(blockSize).fill(0);
    for (const ch of w + ".") {
      const ix = stoi.get(ch)!;
      xs.push(...context);
      ys.push(ix);
      context = [...context.slice(1), ix]; // crop and append
    }
  }
  return { X: mm.tensor(Int32Array.from(xs)).view([ys.length, blockSize]), Y: mm.tensor(Int32Array.from(ys)) };
}

export interface Splits {
  train: { X: mm.Tensor; Y: mm.Tensor };
  dev: { X: mm.Tensor; Y: mm.Tensor };
  test: { X: mm.Tensor; Y: mm.Tensor };
}

export function splitDataset(words: readonly string[], vocab: Vocabulary, blockSize: number): Splits {
  const shuffled = new mm.PyRandom(42).shuffle([...words]);
  const n1 = Math.floor(0.8 * shuffled.length);
  const n2 = Math.floor(0.9 * shuffled.length);
  return {
    train: buildDataset(shuffled.slice(0, n1), vocab, blockSize),
    dev: buildDataset(shuffled.slice(n1, n2), vocab, blockSize),
    test: buildDataset(shuffled.slice(n2), vocab, blockSize),
  };
}

/** The notebooks' step decay (`0.1 if i < 100000 else 0.01` of 200000 steps) at the same fraction of any run. */
export const lrAt = (i: number, steps: number, decayAt: number): number => (i < Math.floor(steps * decayAt) ? 0.1 : 0.01);

/** Draws n names, one character at a time from `probs(context (1, blockSize)) → (1, 27)`, until '.'. */
export function sampleNames(
  probs: (context: mm.Tensor) => mm.Tensor,
  itos: readonly string[],
  blockSize: number,
  generator: mm.Generator | undefined,
  n = 20,
): string[] {
  return mm.noGrad(() => {
    const names: string[] = [];
    for (let k = 0; k < n; k++) {
      const out: number[] = [];
      let context = new Array<number>(blockSize).fill(0);
      for (;;) {
        const ix = mm.multinomial(probs(mm.tensor([context])), 1, { generator }).item();
        context = [...context.slice(1), ix];
        out.push(ix);
        if (ix === 0) break;
      }
      names.push(out.map((i) => itos[i]).join(""));
    }
    return names;
  });
}

/** `p.data += -lr * p.grad` for every parameter. */
export function sgdStep(parameters: readonly mm.Tensor[], lr: number | mm.Tensor): void {
  for (const p of parameters) p.data.add_(p.grad!.mul(typeof lr === "number" ? -lr : lr.neg()));
}

/** The shape as torch prints it: torch.Size([182625, 3]). */
export const size = (t: mm.Tensor): string => `torch.Size([${t.shape.join(", ")}])`;
