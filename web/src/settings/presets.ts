import { PRESETS as RECIPES, PRESET_NAMES } from "makemore";
import { DEFAULT_SETTINGS, FLAGS, type Settings } from "./flags.js";
import { formatFlag } from "./parse-flag.js";

export interface Preset {
  name: string;
  about: string;
  settings: Partial<Settings>;
}

/** Starting points that train to something worth sampling within a minute or two on a laptop. */
const STARTERS: readonly Preset[] = [
  {
    name: "Bigram",
    about: "counts in disguise: one table, learned in seconds",
    settings: { type: "bigram", learningRate: 0.05, maxSteps: 2000, evalEvery: 200 },
  },
  {
    name: "MLP (Bengio 2003)",
    about: "embeddings of the last block of characters, one hidden layer",
    settings: { type: "mlp", learningRate: 5e-3, maxSteps: 3000, evalEvery: 300 },
  },
  { name: "WaveNet", about: "a tree of pairwise merges with BatchNorm", settings: { type: "wavenet", learningRate: 5e-3, maxSteps: 3000, evalEvery: 300 } },
  { name: "GRU", about: "a gated recurrent network, one character at a time", settings: { type: "gru", learningRate: 5e-3, maxSteps: 2000, evalEvery: 200 } },
  {
    name: "Small transformer",
    about: "2 layers, 2 heads, 32 channels: fast and already good",
    settings: { type: "transformer", nLayer: 2, nHead: 2, nEmbd: 32, learningRate: 2e-3, maxSteps: 2000, evalEvery: 200 },
  },
];

const RECIPE_LABELS: Record<(typeof PRESET_NAMES)[number], string> = { quick: "quick (1 min)", best: "best (5 min)" };

/** The library's recipes (`--preset quick|best`), as found by bench/frontier.ts: the values come from the library. */
const RECIPE_PRESETS: readonly Preset[] = PRESET_NAMES.map((name) => {
  const settings: Partial<Settings> = RECIPES[name];
  const flags = FLAGS.filter((f) => f.key in settings).map((f) => `--${f.flag} ${formatFlag(f, settings[f.key]!)}`);
  return { name: RECIPE_LABELS[name], about: `--preset ${name}: makemore's default transformer with ${flags.join(" ")}`, settings };
});

export const PRESETS: readonly Preset[] = [...STARTERS, ...RECIPE_PRESETS];

export const applyPreset = (p: Preset): Settings => ({ ...DEFAULT_SETTINGS, ...p.settings });
