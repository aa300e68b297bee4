// The flags a grid may set, as the training CLI spells them, and the session option each one
// feeds. A new training flag joins sweeps by adding one row here.
import { MODEL_TYPES } from "../models/config.js";
import type { SessionOptions } from "../train/session-types.js";

/** A grid value as written in a grid file or parsed from a grid string. */
export type FlagValue = string | number;

interface GridFlag {
  key: keyof SessionOptions;
  parse(raw: FlagValue, flag: string): FlagValue;
}

const integer = (raw: FlagValue, flag: string): number => {
  const n = typeof raw === "number" ? raw : /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n)) throw new Error(`${flag} in the grid must be an integer, got ${JSON.stringify(raw)}`);
  return n;
};

const number = (raw: FlagValue, flag: string): number => {
  const n = typeof raw === "number" ? raw : raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${flag} in the grid must be a number, got ${JSON.stringify(raw)}`);
  return n;
};

const oneOf = (choices: readonly string[]) => (raw: FlagValue, flag: string): string => {
  if (typeof raw !== "string" || !choices.includes(raw)) throw new Error(`${flag} in the grid must be one of ${choices.join(", ")}, got ${JSON.stringify(raw)}`);
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

/** One run's flags as the session's options. */
export function sessionOptionsOf(config: Readonly<Record<string, FlagValue>>, where = "in the grid"): SessionOptions {
  const options: Record<string, FlagValue> = {};
  for (const [name, raw] of Object.entries(config)) options[flagOf(name, where).key] = parseFlagValue(name, raw, where);
  return options as SessionOptions;
}
