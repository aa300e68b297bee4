import * as z from "zod";
import { MODEL_TYPES } from "../models/config.js";
import { PRECISIONS } from "./defaults.js";

// The JSON half of train_state.safetensors, to the letter: a hand-edited or corrupt header
// (batchSize 0, a missing run, a rng that is not a generator state) is one line naming the
// field, never a run that trains at loss 0 or a "Cannot read properties of undefined".

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const positive = z.number().positive().finite();
const nonNegative = z.number().min(0).finite();

const generatorState = z.object({
  seed: z.string().regex(/^\d+$/),
  engine: z.object({
    state: z
      .array(
        z
          .number()
          .int()
          .min(0)
          .max(2 ** 32 - 1),
      )
      .length(624),
    left: z.number().int(),
    next: z.number().int(),
  }),
  nextDoubleNormalSample: z.number().nullable(),
});

const runConfig = z.object({
  type: z.enum(MODEL_TYPES),
  nLayer: count,
  nHead: count,
  nEmbd: count,
  nEmbd2: count,
  batchSize: z.number().int().min(1).max(65536),
  learningRate: positive,
  weightDecay: nonNegative,
  seed: count,
  // settings added after the first runs: a state without them gets the defaults
  dedupe: z.boolean().optional(),
  dropout: z.number().min(0).lt(1).optional(),
  lrSchedule: z.enum(["constant", "cosine"]).optional(),
  warmupSteps: count.optional(),
  minLr: nonNegative.nullable().optional(),
  gradClip: positive.nullable().optional(),
  ema: z.number().gt(0).lt(1).nullable().optional(),
  precision: z.enum(PRECISIONS).optional(),
  activationCheckpointing: z.boolean().optional(),
});

// torch's GradScaler state_dict(), plus the steps it skipped (fp16 runs)
const gradScaler = z.object({
  scale: positive,
  growth_factor: z.number().gt(1).finite(),
  backoff_factor: z.number().gt(0).lt(1),
  growth_interval: z.number().int().min(1),
  _growth_tracker: count,
  skipped_steps: count,
});

export const TrainStateMetaSchema = z.object({
  format: z.literal(2),
  step: count,
  bestLoss: z.number().finite().nullable(),
  bestStep: count.nullable(),
  final: z.object({ step: count, testLoss: z.number().finite() }).nullable(),
  adamStep: count,
  rng: z.object({ global: generatorState, stream: z.object({ generator: generatorState, pending: z.array(count) }) }),
  elapsed: nonNegative,
  run: runConfig,
  evalEvery: z.number().int().min(1),
  data: z.object({ words: count, sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  emaUpdates: count.optional(),
  scaler: gradScaler.optional(),
});

/** The first problem with a parsed header, as "field.path: what it must be". */
export function describeStateIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.length ? issue.path.join(".") : "the header"}: ${issue.message}`;
}
