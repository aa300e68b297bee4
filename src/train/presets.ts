import type { LoopConfig, RunConfig } from "./defaults.js";

/**
 * Recipes found by bench/frontier.ts (bench/FRONTIER.md has the table): the best test loss this
 * machine reached in a time budget. Applied over makemore's defaults, each setting overridable
 * by its own flag; without a preset the run is makemore's exact recipe.
 */
export const PRESETS = {
  /** a minute of training: what `npm start` runs */
  quick: {
    maxTime: 60,
    lrSchedule: "cosine",
    learningRate: 2e-3,
    warmupSteps: 100,
    batchSize: 32,
  },
  /** five minutes of training: a wider transformer, regularised (the frontier's n_embd 96 recipe) */
  best: {
    maxTime: 300,
    nEmbd: 96,
    nHead: 4,
    lrSchedule: "cosine",
    learningRate: 2e-3,
    warmupSteps: 200,
    batchSize: 32,
    dropout: 0.1,
    gradClip: 1,
  },
} as const satisfies Record<string, Partial<RunConfig & LoopConfig>>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function presetOf(name: string): Partial<RunConfig & LoopConfig> {
  if (!(name in PRESETS)) throw new Error(`unknown preset '${name}' (expected ${PRESET_NAMES.join(" or ")})`);
  return PRESETS[name as PresetName];
}
