import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as mm from "makemore";
import { repoRoot } from "./helpers/fixtures.js";

const mlpDir = join(repoRoot, "test", "fixtures", "models", "mlp");
const good = JSON.parse(readFileSync(join(mlpDir, "config.json"), "utf8"));
const weights = readFileSync(join(mlpDir, "model.safetensors"));
const GB = 1024 ** 3;
const machine24 = { totalMemory: 24 * GB, wasmMemory: 4 * GB };
const parse = (raw: unknown) => mm.parseConfigFile(raw, "config.json", machine24);

test("config.json has the CLI flags' bounds, and each message names the field", () => {
  assert.deepEqual(parse(good), good);
  assert.throws(() => parse({ ...good, n_layer: 1048576 }), /^Error: config\.json: "n_layer" must be a positive integer up to 64, got 1048576$/);
  assert.throws(() => parse({ ...good, n_embd: 4097 }), /"n_embd" must be a positive integer up to 4096, got 4097/);
  assert.throws(() => parse({ ...good, n_head: 2.5 }), /"n_head" must be a positive integer up to 64, got 2\.5/);
  assert.throws(() => parse({ ...good, block_size: 1002 }), /"block_size" must be a positive integer up to 1001, got 1002/);
  assert.throws(() => parse({ ...good, n_embd2: "24" }), /"n_embd2" must be a positive integer up to 4096, got "24"/);
  const { n_head: _, ...noHead } = good;
  assert.throws(() => parse(noHead), /"n_head" must be a positive integer up to 64, got nothing/);
  assert.throws(() => parse({ ...good, type: "cnn" }), /"type" must be one of bigram, mlp, wavenet, rnn, gru, lstm, bow, transformer, got "cnn"/);
  assert.throws(() => parse([good]), /config\.json: expected a JSON object/);
  assert.throws(() => parse({ ...good, vocab: "abca" }), /"vocab" repeats the character "a"/);
  assert.throws(() => parse({ ...good, vocab: "" }), /"vocab" must be a non-empty string of characters/);
  const cjk = Array.from({ length: 8193 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join("");
  assert.throws(() => parse({ ...good, vocab: cjk }), /"vocab" has 8193 characters; at most 8192/);
  assert.throws(() => parse({ ...good, type: "transformer", n_embd: 30, n_head: 4 }), /n_embd \(30\) must be divisible by n_head \(4\)/);
  assert.deepEqual(parse({ ...good, written_by: "torch_makemore.py" }), good, "fields other tools add are ignored");
});

test("a repeated key in config.json is refused, not silently resolved to the last one", async () => {
  const text = JSON.stringify(good).replace('"n_layer":2', '"n_layer":2,"n_layer":3');
  assert.notEqual(text, JSON.stringify(good));
  await assert.rejects(mm.loadModel({ config: text, weights }), /config\.json repeats the key "n_layer"/);
});

test("a transformer of --n-embd 4096 --n-layer 64 is refused from its config, before anything is allocated", () => {
  const big = { type: "transformer", vocab: "abc", block_size: 16, n_layer: 64, n_head: 64, n_embd: 4096, n_embd2: 64 };
  const rss = process.memoryUsage().rss;
  // 12·4096²·64 + … = 12888604672 parameters: 48 GB of float32 weights
  assert.throws(
    () => parse(big),
    /^Error: config\.json's transformer needs 48\.4 GB \(weights 48 GB, activations [\d.]+ MB\); this machine has 24 GB and WebAssembly allows 4 GB per process/,
  );
  assert.throws(() => mm.buildModel(big as mm.ConfigFile), /needs 48\.4 GB/, "buildModel checks too, with this process's own limits");
  assert.ok(process.memoryUsage().rss - rss < 200 * 1024 ** 2, "the process did not allocate the model");
});

test("weights that are not finite are refused when the model is loaded", async () => {
  const bytes = new Uint8Array(weights);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true)))));
  const name = Object.keys(header)
    .filter((k) => k !== "__metadata__")
    .sort()[0];
  const at = 8 + Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true)) + header[name].data_offsets[0];
  const broken = new Uint8Array(bytes);
  new DataView(broken.buffer).setFloat32(at + 4, NaN, true);
  await assert.rejects(
    mm.loadModel({ config: good, weights: broken }),
    new RegExp(`model\\.safetensors: ${name.replace(/\./g, "\\.")} holds NaN at element 1: the weights are not finite`),
  );
  new DataView(broken.buffer).setFloat32(at + 4, -Infinity, true);
  await assert.rejects(mm.loadModel({ config: good, weights: broken }), /holds -Infinity at element 1/);
});
