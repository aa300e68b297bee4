import { DEFAULT_SETTINGS, type Settings } from "./flags.js";

export interface Preset {
  name: string;
  about: string;
  settings: Partial<Settings>;
}

/** Starting points that train to something worth sampling within a minute or two on a laptop. */
export const PRESETS: readonly Preset[] = [
  { name: "Bigram", about: "counts in disguise: one table, learned in seconds", settings: { type: "bigram", learningRate: 0.05, maxSteps: 2000, evalEvery: 200 } },
  { name: "MLP (Bengio 2003)", about: "embeddings of the last block of characters, one hidden layer", settings: { type: "mlp", learningRate: 5e-3, maxSteps: 3000, evalEvery: 300 } },
  { name: "WaveNet", about: "a tree of pairwise merges with BatchNorm", settings: { type: "wavenet", learningRate: 5e-3, maxSteps: 3000, evalEvery: 300 } },
  { name: "GRU", about: "a gated recurrent network, one character at a time", settings: { type: "gru", learningRate: 5e-3, maxSteps: 2000, evalEvery: 200 } },
  { name: "Small transformer", about: "2 layers, 2 heads, 32 channels: fast and already good", settings: { type: "transformer", nLayer: 2, nHead: 2, nEmbd: 32, learningRate: 2e-3, maxSteps: 2000, evalEvery: 200 } },
];

export const applyPreset = (p: Preset): Settings => ({ ...DEFAULT_SETTINGS, ...p.settings });
