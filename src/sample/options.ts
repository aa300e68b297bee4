import * as z from "zod";
import { Generator } from "../random/generator.js";
import { codePoints } from "../data/words.js";
import type { Vocab } from "../data/vocab.js";

/**
 * The bounds of sampling, shared by the CLI's flags and the library's options. The temperature
 * divides the logits: below 1e-6 a logit of 30 passes float32's range (5e-324 makes every
 * logit infinite, and softmax NaN); above 100 every character is about equally likely.
 */
export const SAMPLING_LIMITS = { minTemperature: 1e-6, maxTemperature: 100, maxSamples: 100_000, maxTopK: 1 << 20 } as const;

const { minTemperature, maxTemperature, maxSamples, maxTopK } = SAMPLING_LIMITS;
const NUM = `num must be an integer from 1 to ${maxSamples}`;
const TEMPERATURE = `temperature must be a number from 1e-6 to ${maxTemperature}`;
const TOP_K = "topK must be a positive integer or null";

const SampleOptionsSchema = z.strictObject(
  {
    num: z.number({ error: NUM }).int({ error: NUM }).min(1, { error: NUM }).max(maxSamples, { error: NUM }).optional(),
    temperature: z.number({ error: TEMPERATURE }).min(minTemperature, { error: TEMPERATURE }).max(maxTemperature, { error: TEMPERATURE }).optional(),
    topK: z.number({ error: TOP_K }).int({ error: TOP_K }).min(1, { error: TOP_K }).max(maxTopK, { error: TOP_K }).nullable().optional(),
    prefix: z.string({ error: "prefix must be a string" }).optional(),
    generator: z.instanceof(Generator, { error: "generator must be a Generator (new Generator().manualSeed(n))" }).optional(),
  },
  { error: (i) => (i.code === "unrecognized_keys" ? `unknown option ${i.keys.map((k) => JSON.stringify(k)).join(", ")}` : "options must be an object") },
);

const WORD = "must be a non-empty string";
const ScoreWordsSchema = z.array(z.string({ error: WORD }).min(1, { error: WORD }), { error: "words must be a list of strings" });

/** A value as a message shows it: strings quoted, numbers as JS prints them (NaN, 5e-324). */
const show = (v: unknown): string =>
  typeof v === "string" ? JSON.stringify(v) : typeof v === "number" || typeof v === "boolean" || v === null ? String(v) : typeof v;

/** `${where}: ${the first problem}, got ${its value}`, one line. */
function describe(where: string, e: z.ZodError, raw: unknown): string {
  const issue = e.issues[0];
  if (issue.path.length === 0) return `${where}: ${issue.message}`;
  const key = issue.path[0] as PropertyKey;
  const field = typeof key === "number" ? `word ${key + 1} ` : "";
  return `${where}: ${field}${issue.message}, got ${show((raw as Record<PropertyKey, unknown>)[key])}`;
}

/**
 * Checks sampling options: their types and bounds (one line naming the option), the prefix's
 * characters against the vocabulary, and, given the longest word the model makes, the prefix's
 * length, so that every model type refuses a prefix it cannot continue in the same words.
 */
export function checkSampleOptions(vocab: Vocab, opts: unknown, model?: { type: string; maxLength: number }, where = "sample"): void {
  const r = SampleOptionsSchema.safeParse(opts ?? {});
  if (!r.success) throw new Error(describe(where, r.error, opts));
  const prefix = r.data.prefix ?? "";
  const bad = vocab.unknownChars(prefix);
  if (bad.length) throw new Error(`prefix ${JSON.stringify(prefix)} has characters the model has never seen: ${bad.map((c) => JSON.stringify(c)).join(", ")}`);
  const n = codePoints(prefix).length;
  if (model && n > model.maxLength)
    throw new Error(`${where}: prefix ${JSON.stringify(prefix)} has ${n} characters; this ${model.type} model makes words of at most ${model.maxLength}`);
}

export function checkScoreWords(words: unknown): asserts words is string[] {
  const r = ScoreWordsSchema.safeParse(words);
  if (!r.success) throw new Error(describe("score", r.error, words));
}
