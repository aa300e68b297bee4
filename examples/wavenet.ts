// Part 5 of the lectures, makemore_part5_cnn1.ipynb: a WaveNet-style hierarchy (van den Oord et
// al. 2016): 8 characters fused two at a time, FlattenConsecutive → Linear → BatchNorm1d (over
// (N, L, C) inputs) → Tanh, three times. torch.manual_seed(42) and the default generator, as there.
import * as mm from "makemore";
import { NAMES_FILE, lrAt, sampleNames, size, sgdStep, splitDataset, vocabulary } from "./lib/lecture-data.js";
import { BatchNorm1d, Embedding, FlattenConsecutive, Linear, Sequential, Tanh } from "./lib/layers.js";
import type { ExampleOptions } from "./lib/options.js";

export interface WavenetResult {
  firstExamples: string[];
  parameters: number;
  lossi: number[];
  shapes: [string, number[]][];
  smoothed: number[];
  splitLoss: { train?: number; val?: number };
  samples: string[];
}

export async function main(opts: ExampleOptions = {}): Promise<WavenetResult> {
  const steps = opts.steps ?? 200000;
  const log = opts.log ?? console.log;
  const words = mm.readWordsFile(opts.input ?? NAMES_FILE);
  const vocab = vocabulary(words);
  const blockSize = 8; // context length: how many characters do we take to predict the next one?
  const { train, dev } = splitDataset(words, vocab, blockSize);
  log(`${size(train.X)} ${size(dev.X)}`);
  const firstExamples = Array.from(
    { length: 20 },
    (_, i) =>
      `${Array.from(train.X.index(i).flat())
        .map((c) => vocab.itos[c])
        .join("")} --> ${vocab.itos[train.Y.index(i).item()]}`,
  );
  log(firstExamples.join("\n"));

  mm.manualSeed(42); // seed rng for reproducibility
  const [nEmbd, nHidden] = [24, 128];
  const model = new Sequential([
    new Embedding(27, nEmbd),
    new FlattenConsecutive(2),
    new Linear(nEmbd * 2, nHidden, { bias: false }),
    new BatchNorm1d(nHidden),
    new Tanh(),
    new FlattenConsecutive(2),
    new Linear(nHidden * 2, nHidden, { bias: false }),
    new BatchNorm1d(nHidden),
    new Tanh(),
    new FlattenConsecutive(2),
    new Linear(nHidden * 2, nHidden, { bias: false }),
    new BatchNorm1d(nHidden),
    new Tanh(),
    new Linear(nHidden, 27),
  ]);
  mm.noGrad(() => (model.layers[model.layers.length - 1] as Linear).weight.mul_(0.1)); // last layer: make less confident
  const parameters = model.parameters();
  const nParameters = parameters.reduce((k, p) => k + p.numel(), 0);
  log(`parameters ${nParameters}`);
  for (const p of parameters) p.requiresGrad_();
  const lossi: number[] = [];
  for (let i = 0; i < steps; i++) {
    const ix = mm.randint(0, train.X.shape[0], [32]);
    const logits = model.call(train.X.index(ix));
    const loss = mm.F.crossEntropy(logits, train.Y.index(ix));
    for (const p of parameters) p.grad = null;
    loss.backward();
    sgdStep(parameters, lrAt(i, steps, 0.75)); // simple SGD, step decay at 150000 of 200000
    if (i % Math.max(1, Math.floor(steps / 20)) === 0) log(`${String(i).padStart(7)}/${String(steps).padStart(7)}: ${loss.item().toFixed(4)}`);
    lossi.push(loss.log10().item());
  }
  const shapes = model.layers.map((l) => [l.constructor.name, [...l.out!.shape]] as [string, number[]]);
  for (const [name, shape] of shapes) log(`${name}: (${shape.join(", ")})`);
  // the loss curve, averaged over runs of steps/200 steps (the notebook's view(-1, 1000).mean(1))
  const smoothed = Array.from(
    mm
      .tensor(Float32Array.from(lossi))
      .view([-1, Math.max(1, Math.floor(steps / 200))])
      .mean(1)
      .flat(),
  );
  if (opts.plots)
    await mm.writePlot(
      mm.trainingCurveSpec(smoothed, {
        title: `log10 training loss, mean of every ${Math.max(1, Math.floor(steps / 200))} steps`,
        xTitle: `step / ${Math.max(1, Math.floor(steps / 200))}`,
        yTitle: "log10 loss",
      }),
      opts.plots,
      "wavenet-loss",
    );

  for (const layer of model.layers) if (layer.training !== undefined) layer.training = false;
  const data = { train, val: dev };
  const splitLoss: { train?: number; val?: number } = {};
  for (const k of opts.splits ?? ["train", "val"]) {
    splitLoss[k] = mm.noGrad(() => mm.F.crossEntropy(model.call(data[k].X), data[k].Y).item());
    log(`${k} ${splitLoss[k]}`);
  }
  const samples = sampleNames((ctx) => mm.F.softmax(model.call(ctx), 1), vocab.itos, blockSize, undefined);
  log(samples.join("\n"));
  return { firstExamples, parameters: nParameters, lossi, shapes, smoothed, splitLoss, samples };
}
