/**
 * `makemore bigram …` on the bundled names: every number the notebook prints, as the CLI prints
 * it, and one clear line on stderr with a failing exit code for every kind of bad input.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixture } from "./helpers/fixtures.js";
import { bigramCli, type CliResult } from "./helpers/cli.js";

const NB = fixture("torch/notebook.json");
const NOTES_SAMPLES = NB.samples_notes.P as string[];

function ok(r: CliResult): CliResult {
  assert.equal(r.status, 0, `exit ${r.status}, stderr: ${r.stderr}`);
  assert.equal(r.stderr, "");
  return r;
}

test("counts: words, lengths, 228146 bigrams, the vocabulary and the top bigrams", () => {
  const r = ok(bigramCli("counts", "-i", "data/names.txt"));
  const vocab = [".=0", ...[..."abcdefghijklmnopqrstuvwxyz"].map((c, i) => `${c}=${i + 1}`)].join(" ");
  const top = (NB.top10_bigrams_dot as [string, number][]).map(([b, n]) => `  ${b}  ${n}`);
  assert.deepEqual(r.lines, [
    "words: 32033",
    "length: min 2, max 15",
    "bigrams: 228146 (with the start/stop token '.'), 627 distinct",
    "vocabulary: 27 tokens, '.' = 0 and the sorted characters from 1",
    "  " + vocab,
    "top 10 bigrams:",
    ...top,
  ]);
  assert.deepEqual(ok(bigramCli("counts", "--top", "3")).lines.slice(-3), ["  n.  6763", "  a.  6640", "  an  5438"]);
});

test("sample: the notebook's ten words, smoothed or not, and the uniform model's", () => {
  assert.deepEqual(ok(bigramCli("sample", "-i", "data/names.txt", "--seed", "2147483647", "-n", "10")).lines, NOTES_SAMPLES);
  assert.deepEqual(ok(bigramCli("sample", "--smoothing", "1")).lines, NOTES_SAMPLES);
  const uniform = ok(bigramCli("sample", "--uniform", "-n", "10")).lines;
  assert.deepEqual(uniform, NB.samples_torch2_fastpath_sim.uniform);
  assert.deepEqual(uniform.slice(0, 2), ["cexzm.", "zoglkurkicqzktyhwmvmzimjttainrlkfukzkktda."]);
});

test("nll: 2.4541 over names.txt, 2.4544 smoothed, inf for andrejq, 3.6278 for andndrejq smoothed", () => {
  const raw = ok(bigramCli("nll", "-i", "data/names.txt")).lines;
  assert.match(raw[0], /^228146 bigrams in data\/names\.txt; P from data\/names\.txt, smoothing 0$/);
  assert.deepEqual(raw.slice(1), ["log_likelihood=tensor(-559891.7500)", "nll=tensor(559891.7500)", "nll/n=tensor(2.4541)"]);
  assert.deepEqual(ok(bigramCli("nll", "--smoothing", "1")).lines.slice(1), [
    "log_likelihood=tensor(-559951.5625)",
    "nll=tensor(559951.5625)",
    "nll/n=tensor(2.4544)",
  ]);
  const andrejq = ok(bigramCli("nll", "andrejq")).lines;
  assert.match(andrejq[0], /^8 bigrams in 1 given word; P from .*data\/names\.txt, smoothing 0$/); // the bundled file by default
  assert.deepEqual(andrejq.slice(1), ["log_likelihood=tensor(-inf)", "nll=tensor(inf)", "nll/n=tensor(inf)"]);
  assert.deepEqual(ok(bigramCli("nll", "--smoothing", "1", "andndrejq")).lines.slice(1), [
    "log_likelihood=tensor(-36.2776)",
    "nll=tensor(36.2776)",
    "nll/n=tensor(3.6278)",
  ]);
});

test("nll --verbose: every bigram as the notebook prints it, then the totals", () => {
  const r = ok(bigramCli("nll", "--verbose", "emma", "olivia", "ava")).lines;
  const expected = (NB.nll.P_raw.words3.bigrams as { bigram: string; prob: number; logprob: number }[]).map(
    (b) => `${b.bigram}: ${b.prob.toFixed(4)}, ${b.logprob}`,
  );
  assert.equal(r[0].startsWith("16 bigrams in 3 given words"), true);
  assert.deepEqual(r.slice(1, 17), expected);
  assert.equal(r[1], ".e: 0.0478, -3.0408456325531006");
  assert.deepEqual(r.slice(17), ["log_likelihood=tensor(-38.7856)", "nll=tensor(38.7856)", "nll/n=tensor(2.4241)"]);
  const q = ok(bigramCli("nll", "-v", "--smoothing", "1", "andndrejq")).lines;
  assert.equal(q[9], "jq: 0.0003, -7.981733322143555");
  assert.equal(q.length, 1 + 10 + 3);
});

test("train: the notebook's neural bigram, its losses, its samples, and how close it gets to P", () => {
  const r = ok(bigramCli("train", "-i", "data/names.txt", "--seed", "2147483647", "--steps", "100", "--lr", "50", "--reg", "0.01")).lines;
  assert.equal(r[0], "W = randn((27, 27)) with seed 2147483647; 228146 examples; 100 steps, lr 50, reg 0.01");
  const steps = r.slice(1, 101);
  assert.equal(steps.length, 100);
  (NB.neural.losses as number[]).forEach((loss, k) => {
    const m = /^step +(\d+) {2}loss (\d\.\d{4})$/.exec(steps[k]);
    assert.ok(m, steps[k]);
    assert.equal(Number(m[1]), k);
    assert.ok(Math.abs(Number(m[2]) - loss) <= 5e-5 + 1e-5, `step ${k}: ${m[2]} vs ${loss}`);
  });
  assert.equal(steps[0], "step  0  loss 3.7686");
  assert.equal(steps[99], "step 99  loss 2.4901");
  assert.equal(r[101], "after 100 steps: loss 2.4900, data loss 2.4748; the counting model's nll/n is 2.4541");
  assert.match(r[102], /^W\.exp\(\) row-normalised vs the counts' P: max \|difference\| 0\.\d{4} \(at ..\), mean 0\.\d{5}$/);
  assert.deepEqual(r.slice(103), ["samples (seed 2147483647):", "cexze.", "momasurailezityha.", "konimittain.", "llayn.", "ka."]);
});

test("heatmap: writes an SVG and a PNG of 27×27 labelled cells", () => {
  const dir = mkdtempSync(join(tmpdir(), "bigram-cli-"));
  for (const ext of ["svg", "png"]) {
    const out = join(dir, `counts.${ext}`);
    const r = ok(bigramCli("heatmap", "-i", "data/names.txt", "-o", out));
    assert.match(r.lines[0], new RegExp(`^wrote .*counts\\.${ext}: 27×27 cells, \\d+×\\d+ pixels$`));
    assert.ok(existsSync(out));
  }
  const svg = readFileSync(join(dir, "counts.svg"), "utf8");
  assert.equal(svg.match(/<rect class="cell"/g)?.length, 729);
  const png = readFileSync(join(dir, "counts.png"));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});

/** One line on stderr that starts with "makemore:", no stack trace, a failing exit code. */
function fails(r: CliResult, pattern: RegExp): void {
  assert.notEqual(r.status, 0, `expected a failure, got exit ${r.status}: ${r.stdout}`);
  const lines = r.stderr.split("\n").filter((l) => l.length > 0);
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${r.stderr}`);
  assert.match(lines[0], /^makemore: /);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  assert.match(lines[0], pattern);
}

test("bad input: a missing, empty, blank, binary or non-UTF-8 file, for every subcommand", () => {
  const dir = mkdtempSync(join(tmpdir(), "bigram-bad-"));
  const empty = join(dir, "empty.txt");
  const blank = join(dir, "blank.txt");
  const binary = join(dir, "binary.bin");
  const latin1 = join(dir, "latin1.txt");
  writeFileSync(empty, "");
  writeFileSync(blank, "\n   \n\t\n");
  writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0x10]));
  writeFileSync(latin1, Buffer.from("z\xfcrich\n", "latin1"));
  const subcommands: string[][] = [["counts"], ["heatmap", "-o", join(dir, "x.svg")], ["sample"], ["nll"], ["train", "--steps", "1"]];
  for (const sub of subcommands) {
    fails(bigramCli(...sub, "-i", join(dir, "missing.txt")), /input file not found/);
    fails(bigramCli(...sub, "-i", empty), /has no words/);
    fails(bigramCli(...sub, "-i", binary), /binary file/);
    fails(bigramCli(...sub, "--no-such-flag"), /unknown option '--no-such-flag'/);
  }
  // every subcommand reads through the same function: two more kinds of unusable file, once
  fails(bigramCli("counts", "-i", blank), /has no words/);
  fails(bigramCli("sample", "-i", latin1), /not valid UTF-8/);
  assert.ok(!existsSync(join(dir, "x.svg")), "no picture is written for bad input");
});

test("bad arguments: negative or malformed numbers, wrong output type, unknown words", () => {
  fails(bigramCli("train", "--steps", "-1"), /--steps must be between 0 and/);
  fails(bigramCli("train", "--steps", "ten"), /--steps must be an integer/);
  fails(bigramCli("train", "--lr", "-5"), /--lr must be at least 0/);
  fails(bigramCli("sample", "-n", "0"), /--num-samples must be between 1 and/);
  fails(bigramCli("sample", "--seed", "-1"), /--seed must be between 0 and/);
  fails(bigramCli("sample", "--uniform", "--smoothing", "1"), /cannot be combined/);
  fails(bigramCli("nll", "--smoothing", "nope"), /--smoothing must be a number/);
  fails(bigramCli("nll", "zürich"), /character "ü" \(U\+00FC\) in "zürich" is not in the vocabulary/);
  fails(bigramCli("nll", ""), /empty/);
  fails(bigramCli("counts", "--top", "-3"), /--top must be between 0 and/);
  fails(bigramCli("heatmap", "-o", "counts.jpg"), /must end in \.svg or \.png/);
  fails(bigramCli("heatmap"), /required option '-o, --output <file>'/);
  fails(bigramCli("frobnicate"), /unknown command 'frobnicate'/);
});
