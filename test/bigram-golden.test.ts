/**
 * A second golden set, on data that is not names.txt: test/fixtures/bigram/places.txt (place
 * names with spaces, digits, accents, hyphens, a '.' inside a word; 70 characters) with seed 42,
 * made by test/fixtures/bigram/golden.py with PyTorch 1.13 (2.x sampling simulated as in
 * notebook.py). The library and the CLI are both checked against it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";
import { pyFixed, pyRepr } from "../src/bigram/pyformat.js";
import { displayChar } from "../src/bigram/display.js";
import { fixture } from "./helpers/fixtures.js";
import { assertClose } from "./helpers/close.js";
import { bigramCli, repoPath, type CliResult } from "./helpers/cli.js";

const G = fixture("bigram/places-seed42.json");
const FILE = "test/fixtures/bigram/places.txt";
const SEED = String(G.seed);
const words = mm.readWordsFile(repoPath(FILE));
const counts = mm.countBigrams(words);
const P = mm.bigramProbs(counts);
const SMOOTHINGS: [string, number][] = [
  ["1", 1],
  ["0.5", 0.5],
];

function ok(r: CliResult): string[] {
  assert.equal(r.status, 0, `exit ${r.status}, stderr: ${r.stderr}`);
  return r.lines;
}

test("golden: counts, vocabulary and top bigrams of another words file", () => {
  assert.equal(G.words_file, "places.txt");
  assert.equal(counts.numWords, G.num_words);
  assert.equal(counts.minLength, G.min_len);
  assert.equal(counts.maxLength, G.max_len);
  assert.equal(counts.numBigrams, G.num_bigrams);
  assert.equal(mm.distinctBigrams(counts), G.num_distinct_bigrams);
  assert.equal(counts.vocab.toString(), G.chars);
  assert.equal(counts.size, G.vocab_size);
  assert.deepEqual(mm.countsTensor(counts).tolist(), G.N);
  assert.deepEqual(
    mm.topBigrams(counts, G.top_k).map((b) => [b.bigram, b.count]),
    G.top_bigrams,
  );

  const lines = ok(bigramCli("counts", "-i", FILE, "--top", String(G.top_k)));
  assert.deepEqual(lines.slice(0, 4), [
    `words: ${G.num_words}`,
    `length: min ${G.min_len}, max ${G.max_len}`,
    `bigrams: ${G.num_bigrams} (with the start/stop token '.'), ${G.num_distinct_bigrams} distinct`,
    `vocabulary: ${G.vocab_size} tokens, '.' = 0 and the sorted characters from 1`,
  ]);
  const shown = [".", ...G.chars].map((c: string, i: number) => `${displayChar(c)}=${i}`).join(" ");
  assert.equal(lines[4], "  " + shown);
  assert.match(lines[5], /note: '\.' also occurs inside words/);
  const width = Math.max(...G.top_bigrams.map((r: [string, number]) => String(r[1]).length));
  assert.deepEqual(
    lines.slice(7),
    G.top_bigrams.map(([b, n]: [string, number]) => `  ${[...b].map(displayChar).join("")}  ${String(n).padStart(width)}`),
  );
});

test("golden: P rows, raw and smoothed (integer and fractional k), bit for bit", () => {
  const rows = G.P_rows as number[];
  const check = (probs: mm.Tensor, expected: number[][], label: string) =>
    rows.forEach((r, i) => assert.deepEqual(Array.from(probs.select(0, r).flat()), expected[i], `${label} row ${r}`));
  check(P, G.P_raw, "raw");
  for (const [key, k] of SMOOTHINGS) check(mm.bigramProbs(counts, k), G.P_smooth[key], `smoothing ${key}`);
});

test("golden: samples with seed 42, from P, smoothed P and the uniform model (library and CLI)", () => {
  const n = G.num_samples;
  assert.deepEqual(mm.sampleBigramWords(P, counts.vocab, { seed: G.seed, count: n }), G.samples.raw);
  assert.deepEqual(mm.sampleBigramWords(mm.uniformProbs(counts.size), counts.vocab, { seed: G.seed, count: n }), G.samples.uniform);
  for (const [key, k] of SMOOTHINGS) {
    assert.deepEqual(mm.sampleBigramWords(mm.bigramProbs(counts, k), counts.vocab, { seed: G.seed, count: n }), G.samples[`smooth_${key}`], key);
  }
  assert.deepEqual(ok(bigramCli("sample", "-i", FILE, "--seed", SEED, "-n", String(n))), G.samples.raw);
  assert.deepEqual(ok(bigramCli("sample", "-i", FILE, "--seed", SEED, "-n", String(n), "--smoothing", "0.5")), G.samples["smooth_0.5"]);
  assert.deepEqual(ok(bigramCli("sample", "-i", FILE, "--seed", SEED, "-n", String(n), "--uniform")), G.samples.uniform);
});

test("golden: NLL of the file and of given words, float32 sums exactly as torch accumulates them", () => {
  const variants: [string, mm.Tensor][] = [["raw", P], ...SMOOTHINGS.map(([key, k]): [string, mm.Tensor] => [`smooth_${key}`, mm.bigramProbs(counts, k)])];
  for (const [name, probs] of variants) {
    for (const [which, ws] of [
      ["all", words],
      ["words", G.nll_words],
    ] as const) {
      const g = G.nll[name][which];
      const r = mm.bigramNll(probs, counts.vocab, ws, { terms: true });
      const label = `${name} ${which}`;
      assert.equal(r.n, g.n, label);
      assert.equal(r.logLikelihood, g.log_likelihood, label);
      assert.equal(r.nll, g.nll, label);
      assert.equal(r.meanNll, g.nll_over_n, label);
      assert.deepEqual(mm.bigramNllSummaryLines(r), g.repr, label);
      if (g.bigrams)
        assert.deepEqual(
          r.terms!.map((t) => [t.bigram, t.prob, t.logProb]),
          g.bigrams.map((b: any) => [b.bigram, b.prob, b.logprob]),
          label,
        );
    }
  }
  assert.deepEqual(ok(bigramCli("nll", "-i", FILE)).slice(1), G.nll.raw.all.repr);
  assert.deepEqual(ok(bigramCli("nll", "-i", FILE, "--smoothing", "0.5")).slice(1), G.nll["smooth_0.5"].all.repr);
  const given = ok(bigramCli("nll", "-i", FILE, "--smoothing", "1", "--verbose", ...G.nll_words));
  const terms = G.nll.smooth_1.words.bigrams as { bigram: string; prob: number; logprob: number }[];
  assert.equal(given.length, 1 + terms.length + 3);
  assert.deepEqual(
    given.slice(1, 1 + terms.length),
    terms.map((t) => `${t.bigram}: ${pyFixed(t.prob, 4)}, ${pyRepr(t.logprob)}`),
  );
  assert.deepEqual(given.slice(1 + terms.length), G.nll.smooth_1.words.repr);
  assert.deepEqual(ok(bigramCli("nll", "-i", FILE, ...G.nll_words)).slice(1), ["log_likelihood=tensor(-inf)", "nll=tensor(inf)", "nll/n=tensor(inf)"]);
});

test("golden: the neural bigram on another file and seed, merged and every-example batches", () => {
  const N = G.neural;
  const rows = G.P_rows as number[];
  for (const allExamples of [false, true]) {
    const label = allExamples ? "all examples" : "merged examples";
    const net = mm.trainNeuralBigram(words, { seed: G.seed, steps: N.steps, lr: N.lr, reg: N.reg, allExamples });
    assertClose(net.losses, N.losses, `${label}: losses`, 0, 1e-5);
    rows.forEach((r, i) => {
      assertClose(Array.from(net.W.select(0, r).flat()), N.W_final[i], `${label}: W row ${r}`, 0, 1e-4);
      assertClose(Array.from(mm.neuralBigramProbs(net.W).select(0, r).flat()), N.P_trained[i], `${label}: softmax(W) row ${r}`, 0, 1e-5);
    });
    assert.deepEqual(mm.sampleNeuralBigram(net, { seed: G.seed, count: N.samples.length }), N.samples, label);
    const diff = mm.neuralBigramProbs(net.W).sub(P).abs().max().item();
    assertClose([diff], [N.max_abs_diff_vs_P_raw], `${label}: max |softmax(W) - P|`, 0, 1e-5);
  }
  const initial = mm.trainNeuralBigram(words, { seed: G.seed, steps: 0 });
  assert.deepEqual(Array.from(initial.W.flat().subarray(0, 30)), N.W0_first30);

  const lines = ok(
    bigramCli("train", "-i", FILE, "--seed", SEED, "--steps", String(N.steps), "--lr", String(N.lr), "--reg", String(N.reg), "--print-every", "10"),
  );
  assert.equal(
    lines[0],
    `W = randn((${G.vocab_size}, ${G.vocab_size})) with seed ${G.seed}; ${N.num_examples} examples; ${N.steps} steps, lr ${N.lr}, reg ${N.reg}`,
  );
  const printed = lines.filter((l) => l.startsWith("step "));
  assert.deepEqual(
    printed.map((l) => Number(/^step +(\d+)/.exec(l)![1])),
    [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 99],
  );
  for (const l of printed) {
    const [, k, loss] = /^step +(\d+) {2}loss (\S+)$/.exec(l)!;
    assert.ok(Math.abs(Number(loss) - N.losses[Number(k)]) <= 6e-5, `${l} vs ${N.losses[Number(k)]}`);
  }
  assert.match(lines.at(-1 - N.samples.length - 1)!, new RegExp(`max \\|difference\\| ${N.max_abs_diff_vs_P_raw.toFixed(4)} `));
  assert.deepEqual(lines.slice(-N.samples.length - 1), [`samples (seed ${G.seed}):`, ...N.samples]);
});
