// Part 2 of the lectures, makemore_part2_mlp.ipynb: the MLP of Bengio et al. 2003, cell by cell.
// Minibatches come from the seeded generator g (the notebook's use torch's unseeded default one).
import * as mm from "makemore";
import { NAMES_FILE, buildDataset, lrAt, sampleNames, sgdStep, size, splitDataset, vocabulary } from "./lib/lecture-data.js";
import type { ExampleOptions } from "./lib/options.js";

export interface MlpResult {
  datasetShape: number[];
  smallParameters: number;
  firstLoss: number;
  firstLossCrossEntropy: number;
  lrFind: { lre: number[]; loss: number[] };
  splitShapes: number[][];
  parameters: number;
  lossi: number[];
  trainLoss: number;
  devLoss: number;
  testLoss: number;
  embedding: { x: number[]; y: number[]; labels: string[] };
  samples: string[];
}

const SEED = 2147483647;

/** The notebook's last cell: 20 names from the trained [C, W1, b1, W2, b2], with g seeded 2147483647 + 10. */
export function sampleMlp([C, W1, b1, W2, b2]: readonly mm.Tensor[], itos: readonly string[]): string[] {
  const probs = (context: mm.Tensor) => mm.F.softmax(C.index(context).view([1, -1]).matmul(W1).add(b1).tanh().matmul(W2).add(b2), 1);
  return sampleNames(probs, itos, 3, new mm.Generator().manualSeed(SEED + 10));
}

export async function main(opts: ExampleOptions = {}): Promise<MlpResult> {
  const steps = opts.steps ?? 200000;
  const lrFindSteps = opts.lrFindSteps ?? 1000;
  const log = opts.log ?? console.log;
  const words = mm.readWordsFile(opts.input ?? NAMES_FILE);
  log(`${words.length} words: ${words.slice(0, 8).join(", ")}`);
  const vocab = vocabulary(words);
  const blockSize = 3; // context length: how many characters do we take to predict the next one?
  const { X, Y } = buildDataset(words, vocab, blockSize);
  log(`X ${size(X)} Y ${size(Y)}`);

  // the first forward pass: the 32 examples of the first 5 words through a 2-D embedding
  const five = buildDataset(words.slice(0, 5), vocab, blockSize);
  let g = new mm.Generator().manualSeed(SEED);
  let C = mm.randn([27, 2], { generator: g });
  let W1 = mm.randn([6, 100], { generator: g });
  let b1 = mm.randn([100], { generator: g });
  let W2 = mm.randn([100, 27], { generator: g });
  let b2 = mm.randn([27], { generator: g });
  const smallParameters = [C, W1, b1, W2, b2].reduce((n, p) => n + p.numel(), 0);
  let emb = C.index(five.X); // (32, 3, 2)
  let h = emb.view([-1, 6]).matmul(W1).add(b1).tanh(); // (32, 100)
  let logits = h.matmul(W2).add(b2); // (32, 27)
  const counts = logits.exp();
  const prob = counts.div(counts.sum(1, { keepdim: true }));
  const firstLoss = prob
    .index([mm.arange(32), five.Y])
    .log()
    .mean()
    .neg()
    .item();
  const firstLossCrossEntropy = mm.F.crossEntropy(logits, five.Y).item();
  log(`parameters ${smallParameters}; loss on the first 32 examples ${firstLoss.toFixed(4)} (F.crossEntropy ${firstLossCrossEntropy.toFixed(4)})`);

  // the learning-rate finder: step i at lr = 10^lre[i], lre = linspace(-3, 0, k), on all of X
  g = new mm.Generator().manualSeed(SEED);
  let parameters = [[27, 2], [6, 100], [100], [100, 27], [27]].map((shape) => mm.randn(shape, { generator: g }));
  [C, W1, b1, W2, b2] = parameters;
  for (const p of parameters) p.requiresGrad_();
  const lre = mm.linspace(-3, 0, lrFindSteps);
  const lrs = mm.pow(10, lre);
  const lrFind = { lre: [] as number[], loss: [] as number[] };
  for (let i = 0; i < lrFindSteps; i++) {
    const ix = mm.randint(0, X.shape[0], [32], { generator: g });
    emb = C.index(X.index(ix));
    h = emb.view([-1, 6]).matmul(W1).add(b1).tanh();
    const loss = mm.F.crossEntropy(h.matmul(W2).add(b2), Y.index(ix));
    for (const p of parameters) p.grad = null;
    loss.backward();
    sgdStep(parameters, lrs.index(i));
    lrFind.lre.push(lre.index(i).item());
    lrFind.loss.push(loss.item());
  }
  for (let i = 0; i < lrFindSteps; i += Math.max(1, Math.floor(lrFindSteps / 10)))
    log(`lr finder: lr ${(10 ** lrFind.lre[i]).toExponential(2)} (lre ${lrFind.lre[i].toFixed(3)}) loss ${lrFind.loss[i].toFixed(4)}`);

  // training split, dev/validation split, test split: 80%, 10%, 10%
  const { train, dev, test } = splitDataset(words, vocab, blockSize);
  const splitShapes = [train.X.shape, dev.X.shape, test.X.shape].map((s) => [...s]);
  for (const s of [train, dev, test]) log(`${size(s.X)} ${size(s.Y)}`);

  // ------------ now made respectable :) ---------------
  g = new mm.Generator().manualSeed(SEED);
  parameters = [[27, 10], [30, 200], [200], [200, 27], [27]].map((shape) => mm.randn(shape, { generator: g }));
  [C, W1, b1, W2, b2] = parameters;
  const nParameters = parameters.reduce((n, p) => n + p.numel(), 0);
  log(`parameters ${nParameters}`);
  for (const p of parameters) p.requiresGrad_();
  const lossi: number[] = [];
  for (let i = 0; i < steps; i++) {
    const ix = mm.randint(0, train.X.shape[0], [32], { generator: g });
    emb = C.index(train.X.index(ix)); // (32, 3, 10)
    h = emb.view([-1, 30]).matmul(W1).add(b1).tanh(); // (32, 200)
    logits = h.matmul(W2).add(b2); // (32, 27)
    const loss = mm.F.crossEntropy(logits, train.Y.index(ix));
    for (const p of parameters) p.grad = null;
    loss.backward();
    sgdStep(parameters, lrAt(i, steps, 0.5));
    lossi.push(loss.log10().item());
    if (i % Math.max(1, Math.floor(steps / 20)) === 0) log(`${String(i).padStart(7)}/${String(steps).padStart(7)}: ${loss.item().toFixed(4)}`);
  }
  const splitLoss = (s: { X: mm.Tensor; Y: mm.Tensor }) =>
    mm.noGrad(() => mm.F.crossEntropy(C.index(s.X).view([-1, 30]).matmul(W1).add(b1).tanh().matmul(W2).add(b2), s.Y).item());
  const [trainLoss, devLoss, testLoss] = [train, dev, test].map(splitLoss);
  log(`train ${trainLoss}\ndev ${devLoss}\ntest ${testLoss}`);

  // visualize dimensions 0 and 1 of the embedding matrix C for all characters
  const embedding = { x: Array.from(C.index([null, 0]).flat()), y: Array.from(C.index([null, 1]).flat()), labels: vocab.itos };

  if (opts.plots) {
    await mm.writePlot(mm.lrFindSpec(lrFind.lre.map((e, i) => ({ lr: 10 ** e, loss: lrFind.loss[i] }))), opts.plots, "lr-finder");
    const points = embedding.labels.map((label, i) => ({ label, x: embedding.x[i], y: embedding.y[i] }));
    await mm.writePlot(
      mm.embeddingSpec(points, { title: "the embedding C: dimension 0 against dimension 1", x: "C[:, 0]", y: "C[:, 1]" }),
      opts.plots,
      "embedding",
    );
  }
  const samples = sampleMlp([C, W1, b1, W2, b2], vocab.itos);
  log(samples.join("\n"));
  return {
    datasetShape: [...X.shape],
    smallParameters,
    firstLoss,
    firstLossCrossEntropy,
    lrFind,
    splitShapes,
    parameters: nParameters,
    lossi,
    trainLoss,
    devLoss,
    testLoss,
    embedding,
    samples,
  };
}
