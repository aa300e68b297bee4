import { MAX_VOCAB, MAX_WORD_LENGTH } from "../data/limits.js";

/**
 * The largest model dimensions makemore accepts, shared by the CLI's flags and config.json (a
 * config.json is the same choice made earlier, so it gets the same bounds). Whether a model
 * within them fits this machine is checkFits's question (memory-check.ts).
 */
export const MODEL_LIMITS = {
  nLayer: 64,
  nHead: 64,
  nEmbd: 4096,
  nEmbd2: 4096,
  /** the longest word + 1 (the start token) */
  blockSize: MAX_WORD_LENGTH + 1,
  /** characters, without the start/stop token */
  vocab: MAX_VOCAB,
} as const;
