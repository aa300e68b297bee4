import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./helpers/fixtures.js";
import { runCli, tempDir } from "./helpers/cli.js";

/** One clear line on stderr, a failing exit code, and never a stack trace. */
function assertCleanFailure(args: string[], pattern: RegExp): void {
  const r = runCli(args);
  assert.notEqual(r.status, 0, `expected failure for ${args.join(" ")}; stdout: ${r.stdout}`);
  const lines = r.stderr.trim().split("\n");
  assert.equal(lines.length, 1, `expected one stderr line for ${args.join(" ")}, got:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at |Error:|node:internal/, "no stack trace");
  assert.match(lines[0], pattern);
}

const dir = tempDir();
const words = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const trained = () => {
  const d = tempDir();
  cpSync(join(repoRoot, "test", "fixtures", "models", "mlp"), d, { recursive: true });
  return d;
};
const train = (input: string, ...extra: string[]) => ["-i", input, "-o", join(dir, "out"), "--max-steps", "1", ...extra];

test("training refuses a missing, empty, binary or single-word file", () => {
  assertCleanFailure(train(join(dir, "nope.txt")), /not found: .*nope\.txt/);
  assertCleanFailure(train(words("empty.txt", "")), /no words/);
  assertCleanFailure(train(words("blank.txt", "\n  \n\t\n")), /no words/);
  assertCleanFailure(train(words("binary.bin", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff, 0x00]))), /binary/);
  assertCleanFailure(train(words("latin1.txt", Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]))), /not valid UTF-8/);
  assertCleanFailure(train(words("one.txt", "emma\n")), /at least 2 words/);
});

test("absurd flags are refused", () => {
  const input = join(repoRoot, "data", "names.txt");
  assertCleanFailure(train(input, "--n-embd", "30", "--n-head", "4"), /divisible by --n-head/);
  assertCleanFailure(["-i", input, "--max-steps", "-5"], /--max-steps must be between -1/);
  assertCleanFailure(["-i", input, "--batch-size", "0"], /--batch-size must be between 1/);
  assertCleanFailure(["-i", input, "--learning-rate", "abc"], /--learning-rate must be a number/);
  assertCleanFailure(["-i", input, "--type", "cnn"], /--type/);
  assertCleanFailure(["-i", input, "--frobnicate"], /unknown option '--frobnicate'/);
  assertCleanFailure(["-i", input, "--temperature", "0", "--sample-only"], /--temperature must be at least 0.000001/);
});

test("bad recipe values are refused with one line each", () => {
  const input = join(repoRoot, "data", "names.txt");
  assertCleanFailure(train(input, "--dropout", "1.5"), /--dropout must be at most 1, got 1\.5/);
  assertCleanFailure(train(input, "--dropout", "1"), /--dropout must be a probability in \[0, 1\), got 1/);
  assertCleanFailure(train(input, "--warmup-steps", "-1"), /--warmup-steps must be between 0 and/);
  assertCleanFailure(train(input, "--grad-clip", "0"), /--grad-clip must be greater than 0, got 0/);
  assertCleanFailure(train(input, "--ema", "1"), /--ema must be a decay in \(0, 1\)/);
  assertCleanFailure(train(input, "--preset", "fastest"), /--preset.*Allowed choices are quick, best/);
  assertCleanFailure(train(input, "--lr-schedule", "cosine", "--max-steps", "-1"), /cosine learning-rate schedule needs a budget/);
  assertCleanFailure(train(input, "--min-lr", "1", "-l", "1e-3"), /--min-lr must be a number from 0 to the learning rate/);
});

test("subcommands report bad flags like the root command does", () => {
  const d = trained();
  assertCleanFailure(["eval", "-o", d, "--seed", "abc"], /^makemore: .*--seed must be an integer/);
  assertCleanFailure(["score", "-o", d, "--frobnicate", "emma"], /^makemore: unknown option '--frobnicate'/);
  assertCleanFailure(["bench", "--frobnicate"], /^makemore: unknown option '--frobnicate'/);
  assertCleanFailure(["bigram", "sample", "--seed", "-1"], /^makemore: .*--seed/);
});

test("--sample-only on a model of another file: grouped with -i, refused with the wrong -i, ungrouped without", () => {
  const input = words("abc.txt", "abc\ncab\nbca\nacb\nbac\ncba\n");
  const d = join(dir, "abc-model");
  const trainedRun = runCli(["-i", input, "-o", d, "--type", "bigram", "--max-steps", "20", "-q"]);
  assert.equal(trainedRun.status, 0, trainedRun.stderr);
  const grouped = runCli(["-i", input, "-o", d, "--sample-only", "--num-samples", "4"]);
  assert.equal(grouped.status, 0, grouped.stderr);
  assert.match(grouped.stdout, /samples that are in train:/);
  assertCleanFailure(
    ["-i", join(repoRoot, "data", "names.txt"), "-o", d, "--sample-only"],
    /names\.txt: the input file has characters the model has never seen/,
  );
  const ungrouped = runCli(["-o", d, "--sample-only", "--num-samples", "4"]);
  assert.equal(ungrouped.status, 0, ungrouped.stderr);
  assert.match(ungrouped.stdout, /^4 samples \(pass -i with the file/m);
  const lines = ungrouped.stdout.split("\n");
  const samples = lines.slice(lines.findIndex((l) => l.startsWith("4 samples")) + 1, lines.lastIndexOf("-".repeat(80)));
  assert.equal(samples.length, 4, ungrouped.stdout);
  for (const w of samples) assert.match(w, /^[abc]*$/);
});

test("sampling and scoring refuse characters outside the vocabulary", () => {
  const d = trained();
  assertCleanFailure(["-o", d, "--sample-only", "--prefix", "kA"], /prefix "kA" has characters the model has never seen: "A"/);
  assertCleanFailure(["score", "-o", d, "emma", "zoë"], /"zoë" has characters the model has never seen: "ë"/);
  const ok = runCli(["-o", d, "--sample-only", "--prefix", "ka", "--num-samples", "5"]);
  assert.equal(ok.status, 0, ok.stderr);
  const samples = ok.stdout.split("\n").filter((l) => /^[a-z]+$/.test(l));
  assert.equal(samples.length, 5);
  for (const s of samples) assert.ok(s.startsWith("ka"), `${s} should start with the prefix`);
});

test("a truncated or corrupt model.safetensors is refused with one line", () => {
  const d = trained();
  const path = join(d, "model.safetensors");
  const good = readFileSync(path);
  writeFileSync(path, good.subarray(0, good.length - 100));
  assertCleanFailure(["score", "-o", d, "emma"], /truncated/);
  writeFileSync(path, good.subarray(0, 5));
  assertCleanFailure(["score", "-o", d, "emma"], /truncated/);
  const huge = Buffer.from(good);
  huge.writeBigUInt64LE(1n << 40n, 0);
  writeFileSync(path, huge);
  assertCleanFailure(["score", "-o", d, "emma"], /header claims/);
  const garbled = Buffer.from(good);
  garbled.write("}}}}", 8);
  writeFileSync(path, garbled);
  assertCleanFailure(["score", "-o", d, "emma"], /header is not JSON/);
  // a header that promises more data than the file holds
  const header = JSON.parse(good.subarray(8, 8 + Number(good.readBigUInt64LE(0))).toString());
  const key = Object.keys(header).find((k) => k !== "__metadata__")!;
  header[key].shape = [100000, 100000];
  const json = Buffer.from(JSON.stringify(header));
  const lying = Buffer.alloc(8 + json.length);
  lying.writeBigUInt64LE(BigInt(json.length), 0);
  json.copy(lying, 8);
  writeFileSync(path, lying);
  assertCleanFailure(["score", "-o", d, "emma"], /needs .* bytes|truncated/);
});

test("a config.json that disagrees with the weights is refused", () => {
  const d = trained();
  const cfgPath = join(d, "config.json");
  const cfg = JSON.parse(readFileSync(cfgPath, "utf8"));
  writeFileSync(cfgPath, JSON.stringify({ ...cfg, n_embd2: cfg.n_embd2 + 1 }));
  assertCleanFailure(["score", "-o", d, "emma"], /does not fit config\.json.*size mismatch/);
  writeFileSync(cfgPath, JSON.stringify({ ...cfg, type: "gru" }));
  assertCleanFailure(["score", "-o", d, "emma"], /does not fit config\.json.*missing/);
  writeFileSync(cfgPath, JSON.stringify({ ...cfg, vocab: cfg.vocab + "!" }));
  assertCleanFailure(["score", "-o", d, "emma"], /does not fit config\.json/);
  writeFileSync(cfgPath, "{ not json");
  assertCleanFailure(["score", "-o", d, "emma"], /not valid JSON/);
  writeFileSync(cfgPath, JSON.stringify({ ...cfg, n_layer: -2 }));
  assertCleanFailure(["score", "-o", d, "emma"], /config\.json: "n_layer" must be a positive integer up to 64, got -2/);
  assertCleanFailure(["score", "-o", join(dir, "no-such-dir"), "emma"], /no such work dir or model file: .*no-such-dir/);
});

test("makemore bench runs for users (ours only, a few steps)", () => {
  const r = runCli(["bench", "--no-torch", "--types", "bigram,gru", "--steps", "3", "--warmup", "1", "--rounds", "1"]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /bigram\s+1\s+\d/);
  assert.match(r.stdout, /gru\s+\d+\s+\d/);
  assert.match(r.stdout, /generate 1000 names/);
  assert.match(r.stdout, /count the bigrams of names\.txt: ours [\d.]+ ms/);
});

test("more workers than cores still trains (threads sleep instead of spinning)", () => {
  const out = tempDir();
  const r = runCli(["-o", out, "--type", "mlp", "--max-steps", "12", "--eval-every", "100", "--workers", "4", "-q"]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /step budget reached after step 11/);
});
