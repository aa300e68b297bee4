import { MAKEMORE_DEFAULTS, PRECISIONS, type LoopConfig, type RunConfig } from "makemore";

/** A run's settings: makemore's hyperparameters and loop, our recipe options, --workers and --track-stats. */
export interface Settings extends RunConfig, LoopConfig {
  /** null: the CLI's default (one per core, 1 for the bigram) */
  workers: number | null;
  /** record each parameter's update:data ratio every step (the update-ratio panel draws them) */
  trackStats: boolean;
}

export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ ...MAKEMORE_DEFAULTS, workers: null, trackStats: false });

/** A kept run's settings with today's defaults for what it predates (runs kept before the recipe options). */
export const withDefaults = (s: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...s });

/** One CLI flag: its name, what it holds and the range the CLI accepts. */
export interface Flag {
  key: SettingKey;
  flag: string;
  label: string;
  /** bool: a switch (`--dedupe`); choice: one of `choices` */
  kind: "int" | "float" | "type" | "choice" | "bool";
  min: number;
  max: number;
  exclusiveMin?: boolean;
  choices?: readonly string[];
  /** the CLI's spelling of "none" (top-k -1) */
  none?: number;
  /** the flag may be left out (its setting is then null): what an empty field means */
  optional?: string;
  help: string;
}

/** from 0 up (for a switch, a choice or the type the range is not read) */
const FROM_ZERO = { min: 0, max: Infinity };

/** The CLI's flags and ranges (src/cli/train-command.ts), in the order the page shows them. */
export const FLAGS: readonly Flag[] = [
  { key: "type", flag: "type", label: "model", kind: "type", ...FROM_ZERO, help: "model class type to use" },
  { key: "nLayer", flag: "n-layer", label: "layers", kind: "int", min: 1, max: 64, help: "number of layers" },
  { key: "nHead", flag: "n-head", label: "heads", kind: "int", min: 1, max: 64, help: "number of heads (in a transformer)" },
  { key: "nEmbd", flag: "n-embd", label: "n-embd", kind: "int", min: 1, max: 4096, help: "feature channels in the model" },
  { key: "nEmbd2", flag: "n-embd2", label: "n-embd2", kind: "int", min: 1, max: 4096, help: "feature channels elsewhere in the model" },
  { key: "batchSize", flag: "batch-size", label: "batch size", kind: "int", min: 1, max: 65536, help: "batch size during optimization" },
  { key: "learningRate", flag: "learning-rate", label: "learning rate", kind: "float", min: 0, max: 10, exclusiveMin: true, help: "AdamW's learning rate" },
  { key: "weightDecay", flag: "weight-decay", label: "weight decay", kind: "float", min: 0, max: 10, help: "AdamW's weight decay" },
  { key: "seed", flag: "seed", label: "seed", kind: "int", min: 0, max: 2 ** 53, help: "seeds the split, the initial weights and the batches" },
  {
    key: "maxSteps",
    flag: "max-steps",
    label: "max steps",
    kind: "int",
    min: -1,
    max: Number.MAX_SAFE_INTEGER,
    help: "stop after this many steps (-1: no limit)",
  },
  { key: "maxTime", flag: "max-time", label: "max time (s)", kind: "float", ...FROM_ZERO, help: "stop after this many seconds (0: no limit)" },
  {
    key: "evalEvery",
    flag: "eval-every",
    label: "eval every",
    kind: "int",
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    help: "evaluate, checkpoint and sample every n steps",
  },
  { key: "numSamples", flag: "num-samples", label: "samples", kind: "int", min: 1, max: 1000, help: "samples drawn at each evaluation" },
  {
    key: "temperature",
    flag: "temperature",
    label: "temperature",
    kind: "float",
    min: 0,
    max: 100,
    exclusiveMin: true,
    help: "sampling temperature at each evaluation",
  },
  { key: "topK", flag: "top-k", label: "top-k", kind: "int", min: -1, max: 1 << 20, none: -1, help: "sample among the k likeliest (-1: all)" },
  {
    key: "workers",
    flag: "workers",
    label: "workers",
    kind: "int",
    min: 1,
    max: 64,
    optional: "auto",
    help: "data-parallel threads (empty: one per core, 1 for the bigram)",
  },
  {
    key: "dropout",
    flag: "dropout",
    label: "dropout",
    kind: "float",
    min: 0,
    max: 1,
    help: "dropout probability where the model has it (MLP, WaveNet, BoW, transformer)",
  },
  {
    key: "lrSchedule",
    flag: "lr-schedule",
    label: "lr schedule",
    kind: "choice",
    ...FROM_ZERO,
    choices: ["constant", "cosine"],
    help: "constant, or cosine: decay to the min lr at max steps (or at max time)",
  },
  {
    key: "warmupSteps",
    flag: "warmup-steps",
    label: "warmup steps",
    kind: "int",
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    help: "steps of linear warmup to the learning rate",
  },
  {
    key: "minLr",
    flag: "min-lr",
    label: "min lr",
    kind: "float",
    ...FROM_ZERO,
    optional: "lr / 10",
    help: "the cosine schedule's floor (empty: a tenth of the learning rate)",
  },
  {
    key: "gradClip",
    flag: "grad-clip",
    label: "grad clip",
    kind: "float",
    ...FROM_ZERO,
    exclusiveMin: true,
    optional: "off",
    help: "clip the gradients' total 2-norm to this (torch's clip_grad_norm_)",
  },
  {
    key: "ema",
    flag: "ema",
    label: "EMA decay",
    kind: "float",
    min: 0,
    max: 1,
    exclusiveMin: true,
    optional: "off",
    help: "evaluate, sample and keep a moving average of the weights with this decay (e.g. 0.999)",
  },
  {
    key: "dedupe",
    flag: "dedupe",
    label: "drop duplicate words",
    kind: "bool",
    ...FROM_ZERO,
    help: "drop duplicate lines before the split (makemore keeps them, so its test set holds training words)",
  },
  {
    key: "trackStats",
    flag: "track-stats",
    label: "track update ratios",
    kind: "bool",
    ...FROM_ZERO,
    help: "record each parameter's update:data ratio every step (costs a little per step)",
  },
  {
    key: "precision",
    flag: "precision",
    label: "precision",
    kind: "choice",
    ...FROM_ZERO,
    choices: PRECISIONS,
    help: "activations and their gradients in fp32, or in 16 bits (fp16 with loss scaling, bf16); weights and AdamW state stay float32",
  },
  {
    key: "activationCheckpointing",
    flag: "activation-checkpointing",
    label: "activation checkpointing",
    kind: "bool",
    ...FROM_ZERO,
    help: "keep only each block's input during forward and recompute the block in backward (less memory, more compute)",
  },
];

export const flagOf = (key: SettingKey): Flag => FLAGS.find((f) => f.key === key)!;

/** The flags that matter for a model type and schedule (the rest are shown, but dimmed). */
export function usesFlag(s: Pick<Settings, "type" | "lrSchedule">, key: SettingKey): boolean {
  const { type } = s;
  if (key === "nLayer" || key === "nHead") return type === "transformer";
  if (key === "nEmbd2") return ["mlp", "wavenet", "rnn", "gru", "lstm", "bow"].includes(type);
  if (key === "nEmbd") return type !== "bigram";
  if (key === "dropout") return ["mlp", "wavenet", "bow", "transformer"].includes(type);
  if (key === "minLr") return s.lrSchedule === "cosine";
  return true;
}
