// The diagnostics the playground draws, as library calls: a model's embedding, a word's
// attention maps, the LR finder on a words file, and the specs that draw them.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";
import { repoPath, runCli } from "./helpers/cli.js";

const words = mm.readWordsFile(repoPath("test/fixtures/bigram/places.txt"));
const data = mm.createDatasets(words, { generator: new mm.Generator().manualSeed(1) });
const dims = (extra: Partial<mm.ModelConfig> = {}): mm.ModelConfig => ({
  vocabSize: data.vocab.size,
  blockSize: data.blockSize,
  nLayer: 2,
  nHead: 3,
  nEmbd: 12,
  nEmbd2: 8,
  ...extra,
});

test("modelEmbedding: one labelled point per row of the token table, and the weights are left as they were", () => {
  const transformer = mm.createModel("transformer", dims());
  const before = transformer.stateDict().get("transformer.wte.weight")!.flat().slice();
  const e = mm.modelEmbedding(transformer, data.vocab)!;
  assert.equal(e.method, "pca");
  assert.deepEqual(
    e.points.map((p) => p.label),
    [".", ...data.vocab.chars],
  );
  assert.deepEqual(transformer.stateDict().get("transformer.wte.weight")!.flat(), before);
  // the MLP's table has one more row, its <BLANK>; a 2-wide table is plotted as it is
  const mlp = mm.createModel("mlp", dims({ nEmbd: 2 }));
  const m = mm.modelEmbedding(mlp, data.vocab)!;
  assert.equal(m.method, "dims");
  assert.deepEqual(
    m.points.map((p) => p.label),
    [".", ...data.vocab.chars, "∅"],
  );
  assert.equal(mm.modelEmbedding(mm.createModel("bigram", dims()), data.vocab)!.points.length, data.vocab.size);
});

test("attentionMaps: layer × head maps of a word, each query's weights summing to 1; other types say why they have none", () => {
  const model = mm.createModel("transformer", dims());
  model.train();
  const a = mm.attentionMaps(model, data.vocab, "paris");
  assert.deepEqual(a.tokens, [".", "p", "a", "r", "i", "s"]);
  assert.equal(a.maps.length, 2);
  assert.ok(a.maps.every((heads) => heads.length === 3));
  for (const row of a.maps[1][2]) assert.ok(Math.abs(row.reduce((x, y) => x + y, 0) - 1) < 1e-5);
  assert.equal(model.training, true, "the model's mode is restored");
  assert.throws(() => mm.attentionMaps(model, data.vocab, "pa#is"), /"pa#is" has a character the model does not know: "#"/);
  assert.throws(
    () => mm.attentionMaps(mm.createModel("gru", dims()), data.vocab, "paris"),
    /^Error: only the transformer has attention maps: the GRU reads the word one character at a time/,
  );
  const spec = mm.attentionSpec(a, "paris") as any;
  assert.equal(spec.data.values.length, (2 * 3 * (6 * 7)) / 2, "one cell per layer, head and (query, key ≤ query)");
  assert.equal(spec.spec.width, 22 * 6, "the file default: cells of up to 22 pixels");
  assert.equal((mm.attentionSpec(a, "paris", { cell: 30 }) as any).spec.width, 30 * 6);
});

test("embeddingProjectionSpec: the axes say dims or principal components with their share of the variance", () => {
  const pca = mm.embeddingProjectionSpec({ method: "pca", points: [{ label: "a", x: 1, y: 2 }], explained: [0.4, 0.25] }) as any;
  assert.equal(pca.title, "token embedding, first two principal components (65% of the variance)");
  assert.equal(pca.layer[0].encoding.x.title, "PC 1 (40%)");
  const flat = mm.embeddingProjectionSpec({ method: "dims", points: [] }, "at step 9") as any;
  assert.equal(flat.title, "at step 9");
  assert.equal(flat.layer[0].encoding.y.title, "dimension 1");
});

test("updateRatioSpec: value i sits at steps[i] when steps are given (a thinned run)", () => {
  const series = [{ name: "w", shape: [3, 4], values: [-3, -2.5, NaN] }];
  const spec = mm.updateRatioSpec(series, { steps: [10, 20, 40] }) as any;
  assert.deepEqual(
    spec.layer[0].data.values.map((v: { step: number }) => v.step),
    [10, 20],
  );
  assert.deepEqual(spec.layer[0].encoding.x.scale.domain, [10, 40]);
  assert.deepEqual((mm.updateRatioSpec(series) as any).layer[0].encoding.x.scale.domain, [0, 2]);
});

test("lrFindOnWords is what makemore lr-find runs, sizes and seed included; onPoint sees every step", () => {
  const opts = { type: "transformer", nLayer: 1, nHead: 2, nEmbd: 8, seed: 11, steps: 40, optimizer: "adamw" } as const;
  const seen: number[] = [];
  const r = mm.lrFindOnWords(words, { ...opts, onPoint: (i) => seen.push(i) });
  assert.deepEqual(
    seen,
    Array.from({ length: 40 }, (_, i) => i),
  );
  const cli = runCli([
    "lr-find",
    "-i",
    repoPath("test/fixtures/bigram/places.txt"),
    "--type",
    "transformer",
    "--n-layer",
    "1",
    "--n-head",
    "2",
    "--n-embd",
    "8",
    "--seed",
    "11",
    "--steps",
    "40",
    "--optimizer",
    "adamw",
  ]);
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, new RegExp(`^lr-find: transformer \\(${r.parameters} parameters\\)`));
  const rows = cli.stdout
    .split("\n")
    .filter((l) => /^\s+\d\.\d\de[-+]\d+\s+\d+\.\d{4}$/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[1]));
  const every = Math.floor(40 / 20);
  assert.deepEqual(
    rows,
    r.points.filter((_, i) => i % every === 0).map((p) => Number(p.loss.toFixed(4))),
  );
  assert.match(cli.stdout, new RegExp(`suggested learning rate: ${r.suggested.lr.toExponential(2).replace("+", "\\+")}`));
});
