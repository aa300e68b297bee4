// The flags a grid may set, as the training CLI spells them, and the session option each one
// feeds. A new training flag joins sweeps by adding one row here.
import { MODEL_TYPES } from "../models/config.js";
import { PRESET_NAMES, presetOf } from "../train/presets.js";
import type { SessionOptions } from "../train/session-types.js";

/** A grid value as written in a grid file or parsed from a grid string. */
export type FlagValue = string | number | boolean;

interface GridFlag {
  /** the session option it sets; a preset (no key) sets several, under the other flags */
  key?: keyof SessionOptions;
  parse(raw: FlagValue, flag: string): FlagValue;
}

const integer = (raw: FlagValue, flag: string): number => {
  const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n)) throw new Error(`${flag} in the grid must be an integer, got ${JSON.stringify(raw)}`);
  return n;
};

const number = (raw: FlagValue, flag: string): number => {
  const n = typeof raw === "number" ? raw : typeof raw !== "string" || raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${flag} in the grid must be a number, got ${JSON.stringify(raw)}`);
  return n;
};

const boolean = (raw: FlagValue, flag: string): boolean => {
  if (raw === true || raw === "true") return true;
  if (raw === false || raw === "false") return false;
  throw new Error(`${flag} in the grid must be true or false, got ${JSON.stringify(raw)}`);
};

const oneOf =
  (choices: readonly string[]) =>
  (raw: FlagValue, flag: string): string => {
    if (typeof raw !== "string" || !choices.includes(raw))
      throw new Error(`${flag} in the grid must be one of ${choices.join(", ")}, got ${JSON.stringify(raw)}`);
    return raw;
  };

/** Range checks are the session's own (resolveRunConfig/resolveLoopConfig): these only read the text. */
const GRID_FLAGS: Readonly<Record<string, GridFlag>> = {
  type: { key: "type", parse: oneOf(MODEL_TYPES) },
  "n-layer": { key: "nLayer", parse: integer },
  "n-head": { key: "nHead", parse: integer },
  "n-embd": { key: "nEmbd", parse: integer },
  "n-embd2": { key: "nEmbd2", parse: integer },
  "batch-size": { key: "batchSize", parse: integer },
  "learning-rate": { key: "learningRate", parse: number },
  "weight-decay": { key: "weightDecay", parse: number },
  seed: { key: "seed", parse: integer },
  "max-steps": { key: "maxSteps", parse: integer },
  "max-time": { key: "maxTime", parse: number },
  "eval-every": { key: "evalEvery", parse: integer },
  preset: { parse: oneOf(PRESET_NAMES) },
  dedupe: { key: "dedupe", parse: boolean },
  dropout: { key: "dropout", parse: number },
  "lr-schedule": { key: "lrSchedule", parse: oneOf(["constant", "cosine"]) },
  "warmup-steps": { key: "warmupSteps", parse: integer },
  "min-lr": { key: "minLr", parse: number },
  "grad-clip": { key: "gradClip", parse: number },
  ema: { key: "ema", parse: number },
};

export const KNOWN_FLAGS: readonly string[] = Object.keys(GRID_FLAGS);

/** A grid's name for a flag: `--n-embd` and `n-embd` are the same flag. */
export const flagName = (raw: string): string => raw.trim().replace(/^--/, "");

function flagOf(name: string, where: string): GridFlag {
  const flag = Object.hasOwn(GRID_FLAGS, name) ? GRID_FLAGS[name] : undefined;
  if (!flag) throw new Error(`unknown flag ${JSON.stringify(name)} ${where}; known flags: ${KNOWN_FLAGS.join(", ")}`);
  return flag;
}

/** The canonical value of one grid entry (numbers as numbers), or a one-line error naming the flag. */
export function parseFlagValue(name: string, raw: FlagValue, where = "in the grid"): FlagValue {
  return flagOf(name, where).parse(raw, name);
}

/** One run's flags as the session's options: a preset's settings first, every other flag over them (as the training CLI does). */
export function sessionOptionsOf(config: Readonly<Record<string, FlagValue>>, where = "in the grid"): SessionOptions {
  const options: Record<string, FlagValue | null> = {};
  for (const [name, raw] of Object.entries(config)) {
    const value = parseFlagValue(name, raw, where);
    if (!flagOf(name, where).key) Object.assign(options, presetOf(String(value)));
  }
  for (const [name, raw] of Object.entries(config)) {
    const key = flagOf(name, where).key;
    if (key) options[key] = parseFlagValue(name, raw, where);
  }
  return options as SessionOptions;
}
