import { Tensor } from "../tensor/tensor.js";
import { decodeSafetensors, encodeSafetensors } from "../io/safetensors.js";
import { withoutInit } from "../nn/init.js";
import { Vocab } from "../data/vocab.js";
import type { LanguageModel, ModelConfig, ModelType } from "./config.js";
import { createModel } from "./index.js";
import { type ConfigFile, modelShapeOf, parseConfigFile } from "./config-file.js";
import { estimateMemory } from "./memory-estimate.js";
import { checkFits, memoryLimits } from "./memory-check.js";
import { parseJsonStrict } from "../io/json-keys.js";

export { type ConfigFile, parseConfigFile } from "./config-file.js";

export interface LoadedModel {
  model: LanguageModel;
  vocab: Vocab;
  config: ConfigFile;
}

export function configFileOf(model: LanguageModel, vocab: Vocab): ConfigFile {
  const c = model.config;
  return { type: model.type, vocab: vocab.toString(), block_size: c.blockSize, n_layer: c.nLayer, n_head: c.nHead, n_embd: c.nEmbd, n_embd2: c.nEmbd2 };
}

export function modelConfigOf(cfg: ConfigFile, vocab: Vocab): ModelConfig {
  return { vocabSize: vocab.size, blockSize: cfg.block_size, nLayer: cfg.n_layer, nHead: cfg.n_head, nEmbd: cfg.n_embd, nEmbd2: cfg.n_embd2 };
}

/**
 * torch_makemore.py (the PyTorch reference here) names some transformer/bow weights differently
 * from makemore.py; both are PyTorch layouts, so both load. We write makemore.py's names.
 */
export function canonicalKey(type: ModelType, key: string): string {
  if (type === "transformer") {
    if (/^(wte|wpe|ln_f)\./.test(key)) return `transformer.${key}`;
    const m = /^blocks\.(\d+)\.(.*)$/.exec(key);
    if (m) {
      const rest = m[2].replace(/^fc\./, "mlp.c_fc.").replace(/^proj\./, "mlp.c_proj.");
      return `transformer.h.${m[1]}.${rest}`;
    }
  }
  if (type === "bow" && /^c_(fc|proj)\./.test(key)) return `context_block.mlp.${key}`;
  return key;
}

/** Keys that are constants in PyTorch's state dicts (causal masks, BatchNorm's step counter). */
const isIgnorableKey = (key: string): boolean => /(^|\.)(attn\.bias|cbow\.bias|mask|num_batches_tracked)$/.test(key);

/**
 * A model from a config (checked: parseConfigFile) and, optionally, its weights. Refuses a
 * model this process cannot hold before allocating it, and weights that are not finite: a
 * diverged run's NaN would otherwise print as a score and exit 0.
 */
export function buildModel(cfg: ConfigFile, weights?: Map<string, Tensor>): LoadedModel {
  checkFits(estimateMemory(modelShapeOf(cfg), { batchSize: 1, training: false }), memoryLimits(), `this ${cfg.type} model`);
  if (weights) checkFinite(weights);
  const vocab = new Vocab(Array.from(cfg.vocab));
  const model = weights ? withoutInit(() => createModel(cfg.type, modelConfigOf(cfg, vocab))) : createModel(cfg.type, modelConfigOf(cfg, vocab));
  if (weights) {
    const state = new Map<string, Tensor>();
    for (const [k, t] of weights) if (!isIgnorableKey(k)) state.set(canonicalKey(cfg.type, k), t);
    try {
      model.loadStateDict(state);
    } catch (e) {
      throw new Error(`model.safetensors does not fit config.json (type ${cfg.type}, vocab ${vocab.size}, block ${cfg.block_size}, n_embd ${cfg.n_embd}, n_embd2 ${cfg.n_embd2}): ${(e as Error).message}`);
    }
  }
  model.eval();
  return { model, vocab, config: cfg };
}

function checkFinite(weights: Map<string, Tensor>): void {
  for (const [name, t] of weights) {
    if (!t.isFloatingPoint) continue;
    const v = t.flat();
    for (let i = 0; i < v.length; i++)
      if (!Number.isFinite(v[i])) throw new Error(`model.safetensors: ${name} holds ${v[i]} at element ${i}: the weights are not finite (the run diverged, or the file is corrupt)`);
  }
}

/** Where a model comes from: a work dir (Node), or config + weights bytes (browser or Node). */
export type ModelSource = string | { config: ConfigFile | string | object; weights: Uint8Array | ArrayBuffer };

export async function loadModel(source: ModelSource): Promise<LoadedModel> {
  if (typeof source === "string") {
    const { readWorkDirModel } = await import("./workdir.js");
    return readWorkDirModel(source);
  }
  const raw = typeof source.config === "string" ? parseJsonStrict(source.config, "config.json") : source.config;
  const cfg = parseConfigFile(raw);
  const bytes = source.weights instanceof Uint8Array ? source.weights : new Uint8Array(source.weights);
  return buildModel(cfg, decodeSafetensors(bytes, "model.safetensors").tensors);
}

export function encodeModel(model: LanguageModel): Uint8Array {
  return encodeSafetensors(model.stateDict());
}
