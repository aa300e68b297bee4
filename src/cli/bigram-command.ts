import { Command } from "commander";
import { extname } from "node:path";
import { action, floatArg, intArg } from "./errors.js";
import { bundledNamesPath } from "./paths.js";
import { readWordsFile } from "../data/read-words-file.js";
import { writeFileAtomic } from "../io/atomic.js";
import {
  NOTEBOOK_SEED,
  bigramNll,
  bigramProbs,
  countBigrams,
  bigramCountsReport,
  neuralBigramLoss,
  neuralBigramProbs,
  bigramNllSummaryLines,
  bigramNllTermLines,
  sampleBigramWords,
  sampleNeuralBigram,
  tokenChar,
  trainNeuralBigram,
  uniformProbs,
} from "../bigram/index.js";
import { bigramHeatmapPng } from "../bigram/heatmap/png.js";
import { bigramHeatmapSvg, heatmapLayout } from "../bigram/heatmap/index.js";

const print = (lines: readonly string[]): void => {
  process.stdout.write(lines.map((l) => l + "\n").join(""));
};

/** A bigram subcommand: a description and the words file. */
function subcommand(name: string, description: string): Command {
  return new Command(name).description(description).option("-i, --input-file <file>", "words file, one per line", bundledNamesPath());
}

const seedOption = (cmd: Command): Command => cmd.option("--seed <n>", "seed of torch.Generator().manual_seed", intArg("--seed", 0, 2 ** 53), NOTEBOOK_SEED);
const smoothingOption = (cmd: Command): Command =>
  cmd.option("--smoothing <k>", "add k to every count before normalising (the notebook's N+1 is 1)", floatArg("--smoothing", 0, 1e9), 0);

function countsCommand(): Command {
  return subcommand("counts", "count the bigrams: words, lengths, vocabulary and the most frequent bigrams")
    .option("--top <k>", "how many of the most frequent bigrams to print", intArg("--top", 0, 1 << 30), 10)
    .action(
      action((o: { inputFile: string; top: number }) => {
        print(bigramCountsReport(countBigrams(readWordsFile(o.inputFile)), o.top));
      }),
    );
}

function heatmapCommand(): Command {
  return subcommand("heatmap", "draw the labelled count matrix (plt.imshow(N, cmap='Blues')) as .svg or .png")
    .requiredOption("-o, --output <file>", "the picture to write: a .svg or .png file")
    .option("--title <text>", "the line above the grid")
    .action(
      action((o: { inputFile: string; output: string; title?: string }) => {
        const ext = extname(o.output).toLowerCase();
        if (ext !== ".svg" && ext !== ".png") throw new Error(`the output file must end in .svg or .png, got ${o.output}`);
        const c = countBigrams(readWordsFile(o.inputFile));
        const layout = heatmapLayout(c, { title: o.title });
        writeFileAtomic(o.output, ext === ".svg" ? bigramHeatmapSvg(c, { title: o.title }) : bigramHeatmapPng(c, { title: o.title }));
        print([`wrote ${o.output}: ${c.size}×${c.size} cells, ${layout.width}×${layout.height} pixels`]);
      }),
    );
}

function sampleCommand(): Command {
  return smoothingOption(seedOption(subcommand("sample", "sample words from the row-normalised counts P, as the notebook does")))
    .option("-n, --num-samples <n>", "how many words", intArg("--num-samples", 1, 1_000_000), 10)
    .option("--uniform", "sample from the untrained model: every token equally likely")
    .action(
      action((o: { inputFile: string; seed: number; numSamples: number; smoothing: number; uniform?: boolean }) => {
        if (o.uniform && o.smoothing !== 0) throw new Error("--uniform samples without counts: it cannot be combined with --smoothing");
        const c = countBigrams(readWordsFile(o.inputFile));
        const P = o.uniform ? uniformProbs(c.size) : bigramProbs(c, o.smoothing);
        print(sampleBigramWords(P, c.vocab, { seed: o.seed, count: o.numSamples }));
      }),
    );
}

function nllCommand(): Command {
  return smoothingOption(subcommand("nll", "the log-likelihood, NLL and average NLL of the words file (or of the given words) under P"))
    .argument("[words...]", "words to evaluate instead of the training file")
    .option("-v, --verbose", "print every bigram's probability and log-probability")
    .action(
      action((words: string[], o: { inputFile: string; smoothing: number; verbose?: boolean }) => {
        if (words.some((w) => w.length === 0)) throw new Error("a word to evaluate is empty");
        const training = readWordsFile(o.inputFile);
        const c = countBigrams(training);
        const evaluated = words.length > 0 ? words : training;
        const r = bigramNll(bigramProbs(c, o.smoothing), c.vocab, evaluated, { terms: !!o.verbose });
        const what = words.length > 0 ? `${words.length} given word${words.length === 1 ? "" : "s"}` : o.inputFile;
        print([`${r.n} bigrams in ${what}; P from ${o.inputFile}, smoothing ${o.smoothing}`, ...bigramNllTermLines(r), ...bigramNllSummaryLines(r)]);
      }),
    );
}

interface TrainOptions {
  inputFile: string;
  seed: number;
  steps: number;
  lr: number;
  reg: number;
  numSamples: number;
  printEvery: number;
  allExamples?: boolean;
}

function trainCommand(): Command {
  return seedOption(subcommand("train", "the neural bigram: one-hot @ W, softmax, NLL + reg, gradient descent; then sample"))
    .option("--steps <n>", "gradient descent steps", intArg("--steps", 0, 10_000_000), 100)
    .option("--lr <x>", "learning rate (the notebook's W.data += -50 * W.grad)", floatArg("--lr", 0, 1e6), 50)
    .option("--reg <x>", "weight of the regularisation reg * (W**2).mean()", floatArg("--reg", 0, 1e6), 0.01)
    .option("-n, --num-samples <n>", "words to sample after training", intArg("--num-samples", 0, 1_000_000), 5)
    .option("--print-every <n>", "print the loss every n steps (and at the last)", intArg("--print-every", 1), 1)
    .option(
      "--all-examples",
      "compute on every example like the notebook (slow); by default identical examples are merged, which gives the same loss up to float32 rounding",
    )
    .action(
      action((o: TrainOptions) => {
        const words = readWordsFile(o.inputFile);
        const c = countBigrams(words);
        print([`W = randn((${c.size}, ${c.size})) with seed ${o.seed}; ${c.numBigrams} examples; ${o.steps} steps, lr ${o.lr}, reg ${o.reg}`]);
        const net = trainNeuralBigram(words, {
          vocab: c.vocab,
          seed: o.seed,
          steps: o.steps,
          lr: o.lr,
          reg: o.reg,
          allExamples: o.allExamples,
          onStep: (k, loss) => {
            if (k % o.printEvery === 0 || k === o.steps - 1) print([`step ${String(k).padStart(String(o.steps - 1).length)}  loss ${loss.toFixed(4)}`]);
          },
        });
        const P = bigramProbs(c);
        const after = neuralBigramLoss(net, words, o.reg);
        const counting = bigramNll(P, c.vocab, words);
        const diff = neuralBigramProbs(net.W).sub(P).abs();
        const worst = diff.argmax().item();
        const cell = tokenChar(c.vocab, Math.floor(worst / c.size)) + tokenChar(c.vocab, worst % c.size);
        print([
          `after ${o.steps} steps: loss ${after.total.toFixed(4)}, data loss ${after.data.toFixed(4)}; the counting model's nll/n is ${counting.meanNll.toFixed(4)}`,
          `W.exp() row-normalised vs the counts' P: max |difference| ${diff.max().item().toFixed(4)} (at ${cell}), mean ${diff.mean().item().toFixed(5)}`,
        ]);
        if (o.numSamples > 0) print([`samples (seed ${o.seed}):`, ...sampleNeuralBigram(net, { seed: o.seed, count: o.numSamples })]);
      }),
    );
}

/** `makemore bigram …`: the first makemore notebook, by counting and by gradient descent. */
export function bigramCommand(): Command {
  return new Command("bigram")
    .description("the bigram notebook: counts, heatmap, sample, nll, train")
    .addCommand(countsCommand())
    .addCommand(heatmapCommand())
    .addCommand(sampleCommand())
    .addCommand(nllCommand())
    .addCommand(trainCommand());
}
