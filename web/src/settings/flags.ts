import { MAKEMORE_DEFAULTS, MODEL_TYPES, PRECISIONS, type ModelType, type Precision } from "makemore";
import { validateConfig } from "makemore";

/** A run's settings: makemore's hyperparameters and loop, plus our --workers. */
export interface Settings {
  type: ModelType;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  nEmbd2: number;
  batchSize: number;
  learningRate: number;
  weightDecay: number;
  seed: number;
  maxSteps: number;
  maxTime: number;
  evalEvery: number;
  numSamples: number;
  temperature: number;
  /** null: no top-k (the CLI's -1) */
  topK: number | null;
  /** null: the CLI's default (one per core, 1 for the bigram) */
  workers: number | null;
  /** --precision: activations in fp32, or 16 bits (fp16 with loss scaling, bf16) */
  precision: Precision;
  /** --activation-checkpointing: recompute each block in backward instead of keeping it */
  activationCheckpointing: boolean;
}

export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ ...MAKEMORE_DEFAULTS, workers: null });

/** One CLI flag: its name, what it holds and the range the CLI accepts. */
export interface Flag {
  key: SettingKey;
  flag: string;
  label: string;
  kind: "int" | "float" | "type";
  min: number;
  max: number;
  exclusiveMin?: boolean;
  /** the CLI's spelling of "none" (top-k -1, workers: absent) */
  none?: number;
  help: string;
}

/** The CLI's flags and ranges (src/cli/train-command.ts), in the order the page shows them. */
export const FLAGS: readonly Flag[] = [
  { key: "type", flag: "type", label: "model", kind: "type", min: 0, max: 0, help: "model class type to use" },
  { key: "nLayer", flag: "n-layer", label: "layers", kind: "int", min: 1, max: 64, help: "number of layers" },
  { key: "nHead", flag: "n-head", label: "heads", kind: "int", min: 1, max: 64, help: "number of heads (in a transformer)" },
  { key: "nEmbd", flag: "n-embd", label: "n-embd", kind: "int", min: 1, max: 4096, help: "feature channels in the model" },
  { key: "nEmbd2", flag: "n-embd2", label: "n-embd2", kind: "int", min: 1, max: 4096, help: "feature channels elsewhere in the model" },
  { key: "batchSize", flag: "batch-size", label: "batch size", kind: "int", min: 1, max: 65536, help: "batch size during optimization" },
  { key: "learningRate", flag: "learning-rate", label: "learning rate", kind: "float", min: 0, max: 10, exclusiveMin: true, help: "AdamW's learning rate" },
  { key: "weightDecay", flag: "weight-decay", label: "weight decay", kind: "float", min: 0, max: 10, help: "AdamW's weight decay" },
  { key: "seed", flag: "seed", label: "seed", kind: "int", min: 0, max: 2 ** 53, help: "seeds the split, the initial weights and the batches" },
  { key: "maxSteps", flag: "max-steps", label: "max steps", kind: "int", min: -1, max: Number.MAX_SAFE_INTEGER, help: "stop after this many steps (-1: no limit)" },
  { key: "maxTime", flag: "max-time", label: "max time (s)", kind: "float", min: 0, max: Infinity, help: "stop after this many seconds (0: no limit)" },
  { key: "evalEvery", flag: "eval-every", label: "eval every", kind: "int", min: 1, max: Number.MAX_SAFE_INTEGER, help: "evaluate, checkpoint and sample every n steps" },
  { key: "numSamples", flag: "num-samples", label: "samples", kind: "int", min: 1, max: 1000, help: "samples drawn at each evaluation" },
  { key: "temperature", flag: "temperature", label: "temperature", kind: "float", min: 0, max: 100, exclusiveMin: true, help: "sampling temperature at each evaluation" },
  { key: "topK", flag: "top-k", label: "top-k", kind: "int", min: -1, max: 1 << 20, none: -1, help: "sample among the k likeliest (-1: all)" },
  { key: "workers", flag: "workers", label: "workers", kind: "int", min: 1, max: 64, help: "data-parallel threads (empty: one per core, 1 for the bigram)" },
];

export const flagOf = (key: SettingKey): Flag => FLAGS.find((f) => f.key === key)!;

/** The memory switches (not text fields): --precision's choice and --activation-checkpointing's toggle, as CLI arguments. */
export function memoryArgs(s: Settings): string[] {
  return [...(s.precision !== DEFAULT_SETTINGS.precision ? ["--precision", s.precision] : []), ...(s.activationCheckpointing ? ["--activation-checkpointing"] : [])];
}

export function parsePrecision(text: string): Precision {
  if (!(PRECISIONS as readonly string[]).includes(text)) throw new Error(`option '--precision <p>' argument '${text}' is invalid. Allowed choices are ${PRECISIONS.join(", ")}.`);
  return text as Precision;
}

/** Parses one flag's text as the CLI does, with the CLI's message for a bad value. */
export function parseFlag(f: Flag, text: string): Settings[SettingKey] {
  const value = text.trim();
  if (f.kind === "type") {
    if (!(MODEL_TYPES as readonly string[]).includes(value)) throw new Error(`--type must be one of ${MODEL_TYPES.join(", ")}, got '${text}'.`);
    return value as ModelType;
  }
  if (f.key === "workers" && value === "") return null;
  const n = Number(value);
  if (f.kind === "int" && (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n))) throw new Error(`--${f.flag} must be an integer, got '${text}'.`);
  if (f.kind === "float" && (value === "" || !Number.isFinite(n))) throw new Error(`--${f.flag} must be a number, got '${text}'.`);
  if (f.kind === "int" && (n < f.min || n > f.max)) throw new Error(`--${f.flag} must be between ${f.min} and ${f.max}, got ${n}.`);
  if (f.kind === "float" && (f.exclusiveMin ? n <= f.min : n < f.min)) throw new Error(`--${f.flag} must be ${f.exclusiveMin ? "greater than" : "at least"} ${f.min}, got ${n}.`);
  if (f.kind === "float" && n > f.max) throw new Error(`--${f.flag} must be at most ${f.max}, got ${n}.`);
  if (f.none !== undefined && n === f.none) return null;
  return n;
}

/** A setting as the CLI would spell it on the command line. */
export function formatFlag(f: Flag, v: Settings[SettingKey]): string {
  if (v === null) return f.none !== undefined ? String(f.none) : "";
  return String(v);
}

/** The cross-field rule the CLI checks before training. */
export function checkSettings(s: Settings): void {
  validateConfig(s, "flag");
}

/** The flags that matter for a model type (the rest are shown, but dimmed). */
export function usesFlag(type: ModelType, key: SettingKey): boolean {
  if (key === "nLayer") return type === "transformer";
  if (key === "nHead") return type === "transformer";
  if (key === "nEmbd2") return ["mlp", "wavenet", "rnn", "gru", "lstm", "bow"].includes(type);
  if (key === "nEmbd") return type !== "bigram";
  return true;
}
