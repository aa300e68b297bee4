// Part 3 of the lectures, makemore_part3_bn.ipynb: the initial loss (27-way uniform: 3.2958),
// the saturated tanh, Kaiming's gain 5/3, BatchNorm, and the deeper network's diagnostics.
import * as mm from "makemore";
import { NAMES_FILE, lrAt, sampleNames, sgdStep, size, splitDataset, vocabulary } from "./lib/lecture-data.js";
import { BatchNorm1d, type Layer, Linear, Tanh } from "./lib/layers.js";
import type { ExampleOptions } from "./lib/options.js";
import { stageReport, type InitStage } from "./lib/init-stages.js";
import { plotDiagnostics } from "./lib/lecture-plots.js";

const SEED = 2147483647;
const [N_EMBD, N_HIDDEN, BLOCK] = [10, 200, 3];

export interface ActivationsResult {
  uniformLoss: number;
  stages: Record<"naive" | "softmaxFixed" | "tanhFixed" | "kaiming", InitStage>;
  bnParameters: number;
  bnLossi: number[];
  bnCalibrated?: { mean: number[]; std: number[] };
  bnSplitLoss: { train?: number; val?: number };
  deepParameters: number;
  deepLossi: number[];
  ud: mm.UpdateRatioSeries[];
  activationStats: (mm.TensorStats & { layer: number })[];
  gradientStats: (mm.TensorStats & { layer: number })[];
  weightStats: mm.WeightGradStats[];
  deepSplitLoss: { train?: number; val?: number };
  samples: string[];
}

export async function main(opts: ExampleOptions = {}): Promise<ActivationsResult> {
  const steps = opts.steps ?? 200000;
  const diagSteps = opts.diagSteps ?? 1001;
  const log = opts.log ?? console.log;
  const words = mm.readWordsFile(opts.input ?? NAMES_FILE);
  const vocab = vocabulary(words);
  const { train, dev } = splitDataset(words, vocab, BLOCK);
  log(`${size(train.X)} ${size(dev.X)}`);

  // the loss a 27-way uniform guess gets: what the first step should show
  const uniformLoss = mm
    .tensor([1 / 27], { dtype: "float32" })
    .log()
    .neg()
    .item();
  log(`expected initial loss -log(1/27) = ${uniformLoss.toFixed(4)}`);
  const kaiming = mm.calculateGain("tanh") / (N_EMBD * BLOCK) ** 0.5;
  const stages = {
    naive: stageReport("randn init", train, { w1: 1, b1: 1, w2: 1, b2: 1 }, log),
    softmaxFixed: stageReport("fix softmax confidently wrong (W2·0.01, b2·0)", train, { w1: 1, b1: 1, w2: 0.01, b2: 0 }, log),
    tanhFixed: stageReport("fix tanh saturated at init (W1·0.2, b1·0.01)", train, { w1: 0.2, b1: 0.01, w2: 0.01, b2: 0 }, log),
    kaiming: stageReport(`Kaiming init (W1·(5/3)/√30 = ${kaiming.toFixed(4)})`, train, { w1: kaiming, b1: 0.01, w2: 0.01, b2: 0 }, log),
  };

  // MLP revisited, with a BatchNorm layer
  let g = new mm.Generator().manualSeed(SEED);
  let C = mm.randn([27, N_EMBD], { generator: g });
  const W1 = mm.randn([N_EMBD * BLOCK, N_HIDDEN], { generator: g }).mul(kaiming);
  const W2 = mm.randn([N_HIDDEN, 27], { generator: g }).mul(0.01);
  const b2 = mm.randn([27], { generator: g }).mul(0);
  const bngain = mm.ones([1, N_HIDDEN]);
  const bnbias = mm.zeros([1, N_HIDDEN]);
  let bnmeanRunning = mm.zeros([1, N_HIDDEN]);
  let bnstdRunning = mm.ones([1, N_HIDDEN]);
  let parameters = [C, W1, W2, b2, bngain, bnbias];
  const bnParameters = parameters.reduce((n, p) => n + p.numel(), 0);
  log(`parameters ${bnParameters}`);
  for (const p of parameters) p.requiresGrad_();
  const bnLossi: number[] = [];
  for (let i = 0; i < steps; i++) {
    const ix = mm.randint(0, train.X.shape[0], [32], { generator: g });
    const emb = C.index(train.X.index(ix));
    let hpreact = emb.view([emb.shape[0], -1]).matmul(W1);
    const bnmeani = hpreact.mean(0, { keepdim: true });
    const bnstdi = hpreact.std(0, { keepdim: true });
    hpreact = bngain.mul(hpreact.sub(bnmeani)).div(bnstdi).add(bnbias);
    mm.noGrad(() => {
      bnmeanRunning = bnmeanRunning.mul(0.999).add(bnmeani.mul(0.001));
      bnstdRunning = bnstdRunning.mul(0.999).add(bnstdi.mul(0.001));
    });
    const loss = mm.F.crossEntropy(hpreact.tanh().matmul(W2).add(b2), train.Y.index(ix));
    for (const p of parameters) p.grad = null;
    loss.backward();
    sgdStep(parameters, lrAt(i, steps, 0.5));
    if (i % Math.max(1, Math.floor(steps / 20)) === 0) log(`${String(i).padStart(7)}/${String(steps).padStart(7)}: ${loss.item().toFixed(4)}`);
    bnLossi.push(loss.log10().item());
  }
  const splits = opts.splits ?? ["train", "val"];
  const data = { train, val: dev };
  // calibrate the batch norm at the end of training: the mean and std over the whole training set
  let bnCalibrated: { mean: number[]; std: number[] } | undefined;
  if (splits.includes("train")) {
    const hpreact = mm.noGrad(() => C.index(train.X).view([train.X.shape[0], -1]).matmul(W1));
    bnCalibrated = {
      mean: Array.from(hpreact.mean(0, { keepdim: true }).flat()).slice(0, 8),
      std: Array.from(hpreact.std(0, { keepdim: true }).flat()).slice(0, 8),
    };
  }
  const bnLoss = (s: { X: mm.Tensor; Y: mm.Tensor }) =>
    mm.noGrad(() => {
      const hpreact = bngain
        .mul(C.index(s.X).view([s.X.shape[0], -1]).matmul(W1).sub(bnmeanRunning))
        .div(bnstdRunning)
        .add(bnbias);
      return mm.F.crossEntropy(hpreact.tanh().matmul(W2).add(b2), s.Y).item();
    });
  const bnSplitLoss = Object.fromEntries(splits.map((k) => [k, bnLoss(data[k])]));
  for (const k of splits) log(`${k} ${bnSplitLoss[k]}`);

  // SUMMARY + PYTORCHIFYING: a deeper network, and what its activations and gradients look like
  const nHidden = 100;
  g = new mm.Generator().manualSeed(SEED);
  C = mm.randn([27, N_EMBD], { generator: g });
  const layers: Layer[] = [new Linear(N_EMBD * BLOCK, nHidden, { bias: false, generator: g }), new BatchNorm1d(nHidden), new Tanh()];
  for (let k = 0; k < 4; k++) layers.push(new Linear(nHidden, nHidden, { bias: false, generator: g }), new BatchNorm1d(nHidden), new Tanh());
  layers.push(new Linear(nHidden, 27, { bias: false, generator: g }), new BatchNorm1d(27));
  mm.noGrad(() => (layers[layers.length - 1] as BatchNorm1d).gamma.mul_(0.1)); // last layer: make less confident
  parameters = [C, ...layers.flatMap((l) => l.parameters())];
  const deepParameters = parameters.reduce((n, p) => n + p.numel(), 0);
  log(`parameters ${deepParameters}`);
  for (const p of parameters) p.requiresGrad_();
  const tracker = new mm.UpdateRatioTracker();
  const deepLossi: number[] = [];
  for (let i = 0; i < diagSteps; i++) {
    const ix = mm.randint(0, train.X.shape[0], [32], { generator: g });
    let x = C.index(train.X.index(ix)).view([32, -1]);
    for (const layer of layers) x = layer.call(x);
    const loss = mm.F.crossEntropy(x, train.Y.index(ix));
    for (const layer of layers) layer.out!.retainGrad();
    for (const p of parameters) p.grad = null;
    loss.backward();
    const lr = i < 150000 ? 0.1 : 0.01;
    sgdStep(parameters, lr);
    if (i % 10000 === 0) log(`${String(i).padStart(7)}/${String(200000).padStart(7)}: ${loss.item().toFixed(4)}`);
    deepLossi.push(loss.log10().item());
    tracker.record(parameters, lr);
  }
  const tanhLayers = layers.slice(0, -1).flatMap((l, i) => (l instanceof Tanh ? [{ i, out: l.out! }] : []));
  const activationStats = tanhLayers.map(({ i, out }) => ({ layer: i, ...mm.tensorStats(out, { saturation: 0.97 }) }));
  for (const s of activationStats)
    log(`layer ${s.layer} (${"Tanh".padStart(10)}): mean ${signed(s.mean, 2)}, std ${s.std.toFixed(2)}, saturated: ${(s.saturated! * 100).toFixed(2)}%`);
  const gradientStats = tanhLayers.map(({ i, out }) => ({ layer: i, ...mm.tensorStats(out.grad!) }));
  for (const s of gradientStats) log(`layer ${s.layer} (${"Tanh".padStart(10)}): mean ${signed(s.mean, 6)}, std ${s.std.toExponential(6)}`);
  const weightStats = mm.weightGradStats(parameters.map((p, i) => [String(i), p] as const));
  for (const s of weightStats)
    log(
      `weight ${`(${s.shape.join(", ")})`.padStart(10)} | mean ${signed(s.mean, 6)} | std ${s.std.toExponential(6)} | grad:data ratio ${s.gradDataRatio.toExponential(6)}`,
    );
  const ud = tracker.result();
  for (const layer of layers) if (layer.training !== undefined) layer.training = false;
  const deepLoss = (s: { X: mm.Tensor; Y: mm.Tensor }) =>
    mm.noGrad(() => {
      let x = C.index(s.X).view([s.X.shape[0], -1]);
      for (const layer of layers) x = layer.call(x);
      return mm.F.crossEntropy(x, s.Y).item();
    });
  const deepSplitLoss = Object.fromEntries(splits.map((k) => [k, deepLoss(data[k])]));
  for (const k of splits) log(`${k} ${deepSplitLoss[k]}`);
  if (opts.plots)
    await plotDiagnostics(opts.plots, { activationStats, gradientStats, weightStats, ud, dead: stages.naive.dead, deadFixed: stages.kaiming.dead });

  const probs = (context: mm.Tensor) => {
    let x = C.index(context).view([1, -1]);
    for (const layer of layers) x = layer.call(x);
    return mm.F.softmax(x, 1);
  };
  const samples = sampleNames(probs, vocab.itos, BLOCK, new mm.Generator().manualSeed(SEED + 10));
  log(samples.join("\n"));
  return {
    uniformLoss,
    stages,
    bnParameters,
    bnLossi,
    bnCalibrated,
    bnSplitLoss,
    deepParameters,
    deepLossi,
    ud,
    activationStats,
    gradientStats,
    weightStats,
    deepSplitLoss,
    samples,
  };
}

const signed = (v: number, digits: number) => (v >= 0 ? "+" : "") + v.toFixed(digits);
