import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import * as mm from "makemore";
import { parseJsonStrict } from "../src/io/json-keys.js";
import { checkSampleOptions, checkScoreWords, SAMPLING_LIMITS } from "../src/sample/options.js";
import { fuzzProperty, outcome } from "./helpers/fuzz.js";

// config.json and the library's options, as a hand edit, another tool or a caller's bug may
// write them: a correct value or one line naming the field, never an engine error.

const GB = 1024 ** 3;
const machine24 = { totalMemory: 24 * GB, wasmMemory: 4 * GB };
const L = mm.MODEL_LIMITS;

/** Mostly valid values, so that the checks after the first one run too; sometimes anything. */
const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) => fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: invalid });
const dimension = (max: number) =>
  mostly(
    fc.oneof(fc.integer({ min: 1, max: Math.min(max, 64) }), fc.integer({ min: 1, max })),
    fc.oneof(fc.constantFrom(0, -1, max, max + 1, 2 ** 20, 2 ** 53, 1.5, NaN, Infinity), fc.anything()),
  );
const vocab = mostly(
  fc.uniqueArray(fc.string({ minLength: 1, maxLength: 1, unit: "binary" }), { minLength: 1, maxLength: 40 }).map((cs) => cs.join("")),
  fc.oneof(fc.string({ unit: "binary" }), fc.anything()),
);
const configArb = fc
  .tuple(
    fc.record({
      type: mostly(fc.constantFrom(...mm.MODEL_TYPES), fc.anything()),
      vocab,
      block_size: dimension(L.blockSize),
      n_layer: dimension(L.nLayer),
      n_head: dimension(L.nHead),
      n_embd: dimension(L.nEmbd),
      n_embd2: dimension(L.nEmbd2),
      written_by: fc.anything(),
    }),
    fc.option(fc.constantFrom("type", "vocab", "block_size", "n_layer", "n_head", "n_embd", "n_embd2"), { freq: 8 }),
  )
  .map(([c, drop]) => {
    if (drop) delete (c as Record<string, unknown>)[drop];
    return c;
  });

function checkAccepted(cfg: mm.ConfigFile): void {
  assert.ok((mm.MODEL_TYPES as readonly string[]).includes(cfg.type));
  for (const [k, max] of [
    ["block_size", L.blockSize],
    ["n_layer", L.nLayer],
    ["n_head", L.nHead],
    ["n_embd", L.nEmbd],
    ["n_embd2", L.nEmbd2],
  ] as const)
    assert.ok(Number.isInteger(cfg[k]) && cfg[k] >= 1 && cfg[k] <= max, `${k} ${cfg[k]}`);
  const chars = Array.from(cfg.vocab);
  assert.ok(chars.length >= 1 && chars.length <= L.vocab && new Set(chars).size === chars.length);
  if (cfg.type === "transformer") assert.equal(cfg.n_embd % cfg.n_head, 0);
  const shape = {
    type: cfg.type,
    vocabSize: chars.length + 1,
    blockSize: cfg.block_size,
    nLayer: cfg.n_layer,
    nHead: cfg.n_head,
    nEmbd: cfg.n_embd,
    nEmbd2: cfg.n_embd2,
  };
  assert.ok(mm.estimateMemory(shape, { batchSize: 1, training: false }).total <= machine24.totalMemory, "what is accepted fits");
}

test("fuzz: config.json objects are accepted within the limits or refused with one line naming the field", async () => {
  await fuzzProperty(
    "config.json objects",
    fc.property(fc.oneof(configArb, fc.anything()), (raw) => {
      const r = outcome(() => mm.parseConfigFile(raw, "config.json", machine24), /^config\.json(: |'s )/);
      if (r.ok) checkAccepted(r.value);
    }),
    500,
  );
});

const validText = configArb.map((c) => JSON.stringify(c) ?? "");
test("fuzz: config.json text, valid, damaged or repeated keys, never gets past the reader unchecked", async () => {
  const damaged = fc
    .tuple(validText, fc.nat(), fc.string({ maxLength: 4 }))
    .map(([t, at, s]) => t.slice(0, at % (t.length + 1)) + s + t.slice(at % (t.length + 1)));
  const repeated = validText.map((t) => t.replace(/^\{("[^"]+":[^,]+),/, "{$1,$1,"));
  await fuzzProperty(
    "config.json text",
    fc.property(fc.oneof(validText, damaged, repeated, fc.json(), fc.string()), (text) => {
      const r = outcome(() => mm.parseConfigFile(parseJsonStrict(text, "config.json"), "config.json", machine24), /^config\.json/);
      if (r.ok) checkAccepted(r.value);
    }),
    500,
  );
});

const abc = new mm.Vocab("abcdefghij");
const optionValue = fc.oneof(fc.anything(), fc.double(), fc.integer(), fc.constantFrom(5e-324, 1e-6, 0, -0, 100, 101, null, undefined, "ab", "abz"));
const optionsArb = fc.oneof(
  fc.record(
    { num: optionValue, temperature: optionValue, topK: optionValue, prefix: optionValue, generator: fc.oneof(optionValue, fc.constant(new mm.Generator())) },
    { requiredKeys: [] },
  ),
  fc.dictionary(fc.string({ maxLength: 12 }), optionValue, { maxKeys: 3 }),
  fc.anything(),
);

test("fuzz: sample() options and score() words are valid or refused with one line", async () => {
  await fuzzProperty(
    "sample options",
    fc.property(optionsArb, fc.integer({ min: 1, max: 20 }), (opts, maxLength) => {
      const r = outcome(() => checkSampleOptions(abc, opts, { type: "mlp", maxLength }));
      if (!r.ok) return;
      const o = (opts ?? {}) as mm.SampleOptions;
      if (o.temperature !== undefined) assert.ok(o.temperature >= SAMPLING_LIMITS.minTemperature && o.temperature <= SAMPLING_LIMITS.maxTemperature);
      if (o.num !== undefined) assert.ok(Number.isInteger(o.num) && o.num >= 1);
      if (o.topK != null) assert.ok(Number.isInteger(o.topK) && o.topK >= 1);
      if (o.prefix !== undefined)
        assert.ok(typeof o.prefix === "string" && Array.from(o.prefix).length <= maxLength && abc.unknownChars(o.prefix).length === 0);
    }),
    500,
  );
  await fuzzProperty(
    "score words",
    fc.property(fc.oneof(fc.array(fc.oneof(fc.string(), fc.anything()), { maxLength: 4 }), fc.anything()), (words) => {
      const r = outcome(() => checkScoreWords(words), /^score: /);
      if (r.ok) assert.ok(Array.isArray(words) && words.every((w) => typeof w === "string" && w.length > 0));
    }),
    300,
  );
});
