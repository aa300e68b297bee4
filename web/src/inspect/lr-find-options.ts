import { MAKEMORE_DEFAULTS as D, type LrFindOnWordsOptions } from "makemore";
import type { Settings } from "../settings/flags.js";

export interface LrFindFields {
  steps: string;
  lo: string;
  hi: string;
  optimizer: string;
  batchSize: string;
}

/** `makemore lr-find`'s own flags, its defaults and ranges (src/cli/lr-find-command.ts). */
export const LR_FIND_FIELDS: readonly { key: keyof LrFindFields; flag: string; label: string; cliDefault: string; help: string; choices?: string[] }[] = [
  { key: "steps", flag: "steps", label: "steps", cliDefault: "1000", help: "--steps: steps, one learning rate each" },
  { key: "lo", flag: "lo", label: "lo (log10)", cliDefault: "-3", help: "--lo: log10 of the first learning rate" },
  { key: "hi", flag: "hi", label: "hi (log10)", cliDefault: "0", help: "--hi: log10 of the last learning rate" },
  {
    key: "optimizer",
    flag: "optimizer",
    label: "optimizer",
    cliDefault: "sgd",
    help: "--optimizer: sgd (the lecture) or adamw (makemore's training)",
    choices: ["adamw", "sgd"],
  },
  { key: "batchSize", flag: "batch-size", label: "batch", cliDefault: "32", help: "--batch-size: batch size" },
];

type Parsed =
  | { options: Required<Pick<LrFindOnWordsOptions, "steps" | "lo" | "hi" | "optimizer" | "batchSize">>; error?: undefined }
  | { error: string; options?: undefined };

/** The fields checked as the CLI checks its flags, with its messages. */
export function parseLrFindFields(f: LrFindFields): Parsed {
  const int = (name: string, text: string, min: number, max: number) => {
    const n = Number(text);
    if (!/^-?\d+$/.test(text.trim()) || n < min || n > max) throw new Error(`--${name} must be an integer between ${min} and ${max}, got '${text}'.`);
    return n;
  };
  const float = (name: string, text: string) => {
    const n = Number(text);
    if (text.trim() === "" || !Number.isFinite(n) || n < -20 || n > 20) throw new Error(`--${name} must be a number from -20 to 20, got '${text}'.`);
    return n;
  };
  try {
    const options = {
      steps: int("steps", f.steps, 2, 1_000_000),
      lo: float("lo", f.lo),
      hi: float("hi", f.hi),
      optimizer: f.optimizer as "sgd" | "adamw",
      batchSize: int("batch-size", f.batchSize, 1, 4096),
    };
    if (!(options.lo < options.hi)) throw new Error(`--lo (${options.lo}) must be below --hi (${options.hi})`);
    return { options };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The same run on the command line: the page's type, sizes and seed, and the fields that differ from lr-find's defaults. */
export function lrFindArgs(s: Settings, input: string, f: LrFindFields): string {
  const args = ["makemore", "lr-find", "-i", input, "--type", s.type];
  for (const [flag, v, d] of [
    ["n-layer", s.nLayer, D.nLayer],
    ["n-head", s.nHead, D.nHead],
    ["n-embd", s.nEmbd, D.nEmbd],
    ["n-embd2", s.nEmbd2, D.nEmbd2],
    ["seed", s.seed, D.seed],
  ] as const)
    if (v !== d) args.push(`--${flag}`, String(v));
  for (const field of LR_FIND_FIELDS) if (f[field.key].trim() !== field.cliDefault) args.push(`--${field.flag}`, f[field.key].trim());
  return args.join(" ");
}
