import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import * as mm from "makemore";
import { repoRoot } from "./helpers/fixtures.js";
import { datasetsForModel } from "../src/train/workdir-data.js";
import { runCli, tempDir } from "./helpers/cli.js";

const words = mm.readWordsFile(join(repoRoot, "data", "names.txt"));
const fixtureModel = (type: string) => mm.loadModel(join(repoRoot, "test", "fixtures", "models", type));
const LOSS_TOLERANCE = { f32: 0, f16: 1e-3, bf16: 1e-3, int8: 0.01 } as const;

for (const type of ["transformer", "wavenet", "lstm", "mlp", "bow"]) {
  test(`${type} exported as f16, bf16 and int8 loads back with the test loss within tolerance, in 1/2 (int8: about 1/4) of the data bytes`, async () => {
    const loaded = await fixtureModel(type);
    const config = mm.configFileOf(loaded.model, loaded.vocab);
    const weights = loaded.model.stateDict();
    const { test: testSet } = datasetsForModel(words, { vocab: loaded.vocab, blockSize: config.block_size }, 3407);
    const base = mm.fullLoss(loaded.model, testSet);
    const f32Data = dataBytes(mm.encodeModelFile(weights, config));
    for (const dtype of mm.EXPORT_DTYPES) {
      const bytes = mm.encodeExport(weights, config, dtype);
      const back = await mm.loadModel(bytes);
      assert.deepEqual(back.config, config);
      const loss = mm.fullLoss(back.model, testSet);
      assert.ok(Math.abs(loss - base) <= LOSS_TOLERANCE[dtype], `${type} ${dtype}: test loss ${loss} against float32 ${base}`);
      if (dtype === "f32") assert.equal(loss, base);
      // the data, without the JSON header (which dominates these tiny fixture models' files)
      const want = dtype === "f32" ? f32Data : dtype === "int8" ? int8Data(weights) : f32Data / 2;
      assert.equal(dataBytes(bytes), want, `${dtype} data bytes`);
      // every weight as stored: f16/bf16 within their rounding, int8 within half a step of its row
      const got = back.model.stateDict();
      for (const [k, w] of weights) {
        const a = w.f32(),
          b = got.get(k)!.f32();
        const rel = dtype === "f16" ? 2 ** -11 : dtype === "bf16" ? 2 ** -8 : dtype === "int8" ? 1 : 0;
        for (let i = 0; i < a.length; i++) {
          const tol = dtype === "int8" ? rowStep(w, i) / 2 : Math.abs(a[i]) * rel + (dtype === "f16" ? 2 ** -25 : 0);
          assert.ok(Math.abs(a[i] - b[i]) <= tol * (1 + 1e-6), `${type} ${dtype} ${k}[${i}]: ${a[i]} → ${b[i]}`);
        }
      }
    }
  });
}

const dataBytes = (file: Uint8Array): number => file.length - 8 - Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));

/** int8 layout: a byte per matrix element and a float32 scale per row; vectors stay float32. */
const int8Data = (weights: Map<string, mm.Tensor>): number =>
  [...weights.values()].reduce((s, w) => s + (w.ndim < 2 ? 4 * w.numel() : w.numel() + 4 * w.shape[0]), 0);

/** int8's step in the row of element i: max|row| / 127 (vectors are stored as float32: step 0). */
function rowStep(w: mm.Tensor, i: number): number {
  if (w.ndim < 2) return 0;
  const cols = w.numel() / w.shape[0];
  const row = w.f32().subarray(Math.floor(i / cols) * cols, (Math.floor(i / cols) + 1) * cols);
  return row.reduce((m, v) => Math.max(m, Math.abs(v)), 0) / 127;
}

test("the export's header says what it holds; int8 keeps vectors float32 and one float32 scale per row", async () => {
  const loaded = await fixtureModel("transformer");
  const config = mm.configFileOf(loaded.model, loaded.vocab);
  const file = mm.decodeSafetensors(mm.encodeExport(loaded.model.stateDict(), config, "int8"));
  assert.equal(file.metadata.quantization, "int8-per-row");
  assert.equal(file.metadata.dtype, "int8");
  assert.deepEqual(JSON.parse(file.metadata.config), config);
  assert.equal(file.fileDTypes.get("lm_head.weight"), "I8");
  assert.equal(file.fileDTypes.get("lm_head.weight.scale"), "F32");
  assert.deepEqual(file.tensors.get("lm_head.weight.scale")!.shape, [config.vocab.length + 1]);
  assert.equal(file.fileDTypes.get("transformer.ln_f.weight"), "F32");
  const half = mm.decodeSafetensors(mm.encodeExport(loaded.model.stateDict(), config, "bf16"));
  assert.deepEqual(new Set(half.fileDTypes.values()), new Set(["BF16"]));
});

test("bad or mixed dtypes in a model file are one-line errors", async () => {
  const loaded = await fixtureModel("mlp");
  const config = mm.configFileOf(loaded.model, loaded.vocab);
  const weights = loaded.model.stateDict();
  const meta = { format: "makemore", config: JSON.stringify(config) };
  const raw = mm.decodeSafetensors(mm.encodeExport(weights, config, "f16"));
  const entries = new Map<string, mm.RawTensorEntry>();
  const f16 = mm.encodeExport(weights, config, "f16");
  const view = mm.decodeSafetensors(f16);
  for (const [k, t] of view.tensors) entries.set(k, { dtype: "F16", shape: t.shape, data: new Uint8Array(mm.encodeHalf("float16", t.f32()).buffer) });
  const [first] = [...raw.tensors.keys()];
  const mixed = new Map(entries);
  mixed.set(first, { dtype: "F32", shape: raw.tensors.get(first)!.shape, data: new Uint8Array(Float32Array.from(raw.tensors.get(first)!.f32()).buffer) });
  const oneLine = (re: RegExp) => (e: Error) => re.test(e.message) && !e.message.includes("\n");
  await assert.rejects(mm.loadModel(mm.encodeSafetensorsEntries(mixed, meta)), oneLine(/mixes dtypes: .* is F32 but .* is F16/));
  const stray = new Map(entries);
  stray.set(first, { dtype: "I8", shape: raw.tensors.get(first)!.shape, data: new Uint8Array(raw.tensors.get(first)!.numel()) });
  await assert.rejects(mm.loadModel(mm.encodeSafetensorsEntries(stray, meta)), oneLine(/is I8 but the file's metadata has no "quantization"/));
  const int8 = mm.decodeSafetensors(mm.encodeExport(weights, config, "int8"));
  const noScale = new Map<string, mm.RawTensorEntry>();
  for (const [k, t] of int8.tensors) {
    if (k.endsWith(".scale")) continue;
    const d = int8.fileDTypes.get(k)!;
    noScale.set(
      k,
      d === "I8"
        ? { dtype: "I8", shape: t.shape, data: new Uint8Array(Int8Array.from(t.i32()).buffer) }
        : { dtype: "F32", shape: t.shape, data: new Uint8Array(Float32Array.from(t.f32()).buffer) },
    );
  }
  await assert.rejects(
    mm.loadModel(mm.encodeSafetensorsEntries(noScale, { ...meta, quantization: "int8-per-row" })),
    oneLine(/needs .*\.scale, F32 with one scale per row/),
  );
  await assert.rejects(mm.loadModel(mm.encodeSafetensorsEntries(entries, { ...meta, quantization: "int4" })), oneLine(/unknown quantization "int4"/));
  assert.ok(await mm.loadModel(mm.encodeSafetensorsEntries(entries, meta)), "all F16 is fine");
});

test("makemore export writes a file that eval, score and --sample-only read; a bad dtype is one line", () => {
  const dir = tempDir();
  const src = join(repoRoot, "test", "fixtures", "models", "wavenet");
  const out = join(dir, "small.safetensors");
  const ex = runCli(["export", "-o", src, "--dtype", "int8", out]);
  assert.equal(ex.status, 0, ex.stderr);
  assert.match(
    ex.stdout,
    /^wrote .*small\.safetensors: int8, [\d.]+ KB \(float32: [\d.]+ KB, [\d.]+× smaller\)\ntest loss: float32 2\.46\d+, int8 2\.4\d+ \([+-]\d\.\d\de-\d\)\n$/,
  );
  const ev = runCli(["eval", "-o", out]);
  assert.equal(ev.status, 0, ev.stderr);
  assert.match(ev.stdout, /test loss: 2\.4\d{3}/);
  assert.equal(runCli(["score", "-o", out, "emma"]).status, 0);
  const sampled = runCli(["-o", out, "--sample-only", "--num-samples", "3"]);
  assert.equal(sampled.status, 0, sampled.stderr);
  const bad = runCli(["export", "-o", src, "--dtype", "fp8", out]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^makemore: option '--dtype <dtype>' argument 'fp8' is invalid\. Allowed choices are f32, f16, bf16, int8\.\n$/);
});
