import * as z from "zod";
import { type ModelType, validateConfig } from "./config.js";
import { MODEL_LIMITS } from "./limits.js";
import { type ModelShape, estimateMemory } from "./memory-estimate.js";
import { type MemoryLimits, checkFits, memoryLimits } from "./memory-check.js";

/** config.json in a work dir, with PyTorch makemore's field names. */
export interface ConfigFile {
  type: ModelType;
  /** the characters in token order from 1 */
  vocab: string;
  block_size: number;
  n_layer: number;
  n_head: number;
  n_embd: number;
  n_embd2: number;
}

const dim = (max: number) => {
  const error = `must be a positive integer up to ${max}`;
  return z.number({ error }).int({ error }).min(1, { error }).max(max, { error });
};

/**
 * The same bounds as the CLI's flags (MODEL_LIMITS): a config.json is a choice made by an
 * earlier run, or by hand, and a hand-made n_layer of 2^20 must not run `score` for minutes.
 * Fields other tools add are ignored.
 */
const ConfigSchema = z.object(
  {
    // type and sizes: validateConfig below, the one check the CLI and the library share
    type: z.unknown().optional(),
    vocab: z
      .string({ error: "must be a non-empty string of characters" })
      .min(1, { error: "must be a non-empty string of characters" })
      .refine((v) => Array.from(v).length <= MODEL_LIMITS.vocab, {
        error: (i) => `has ${Array.from(i.input as string).length} characters; at most ${MODEL_LIMITS.vocab}`,
      })
      .refine((v) => new Set(v).size === Array.from(v).length, { error: (i) => `repeats the character ${JSON.stringify(repeatedChar(i.input as string))}` }),
    block_size: dim(MODEL_LIMITS.blockSize),
    n_layer: z.unknown().optional(),
    n_head: z.unknown().optional(),
    n_embd: z.unknown().optional(),
    n_embd2: z.unknown().optional(),
  },
  { error: "expected a JSON object" },
);

const repeatedChar = (v: string): string | undefined => {
  const seen = new Set<string>();
  for (const c of v) {
    if (seen.has(c)) return c;
    seen.add(c);
  }
  return undefined;
};

/** One line: the field, what it must be, and what it was. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  if (issue.path.length === 0) return issue.message;
  const field = String(issue.path[0]);
  const value = (raw as Record<string, unknown>)[field];
  const got = field === "vocab" && typeof value === "string" ? "" : `, got ${value === undefined ? "nothing" : JSON.stringify(value)}`;
  return `"${field}" ${issue.message}${got}`;
}

/** The model's shape from a config.json: its vocabulary is the characters plus the start/stop token. */
export const modelShapeOf = (cfg: ConfigFile): ModelShape => ({
  type: cfg.type,
  vocabSize: Array.from(cfg.vocab).length + 1,
  blockSize: cfg.block_size,
  nLayer: cfg.n_layer,
  nHead: cfg.n_head,
  nEmbd: cfg.n_embd,
  nEmbd2: cfg.n_embd2,
});

/**
 * Validates a parsed config.json, naming the first field that is missing or wrong; then
 * refuses a model that could not be loaded here (memoryLimits: this machine's RAM, and 4 GB
 * of WebAssembly memory under the wasm kernels) before anything is allocated for it.
 */
export function parseConfigFile(raw: unknown, source = "config.json", limits: MemoryLimits = memoryLimits()): ConfigFile {
  const r = ConfigSchema.safeParse(raw);
  if (!r.success) throw new Error(`${source}: ${describeIssue(r.error.issues[0], raw)}`);
  const c = r.data;
  const dims = { type: c.type as string, nLayer: c.n_layer as number, nHead: c.n_head as number, nEmbd: c.n_embd as number, nEmbd2: c.n_embd2 as number };
  try {
    validateConfig(dims, "snake");
  } catch (e) {
    throw new Error(`${source}: ${(e as Error).message}`);
  }
  const cfg: ConfigFile = {
    type: dims.type,
    vocab: c.vocab,
    block_size: c.block_size,
    n_layer: dims.nLayer,
    n_head: dims.nHead,
    n_embd: dims.nEmbd,
    n_embd2: dims.nEmbd2,
  };
  checkFits(estimateMemory(modelShapeOf(cfg), { batchSize: 1, training: false }), limits, `${source}'s ${cfg.type}`);
  return cfg;
}
