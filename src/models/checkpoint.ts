import { Tensor } from "../tensor/tensor.js";
import { encodeSafetensors } from "../io/safetensors.js";
import { withoutInit } from "../nn/init.js";
import { Vocab } from "../data/vocab.js";
import type { LanguageModel, ModelConfig, ModelType } from "./config.js";
import { createModel } from "./index.js";
import { type ConfigFile, modelShapeOf, parseConfigFile } from "./config-file.js";
import { estimateMemory } from "./memory-estimate.js";
import { checkFits, memoryLimits } from "./memory-check.js";
import { parseJsonStrict } from "../io/json-keys.js";
import { decodeModelWeights } from "./model-weights.js";

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
      throw new Error(
        `model.safetensors does not fit config.json (type ${cfg.type}, vocab ${vocab.size}, block ${cfg.block_size}, n_embd ${cfg.n_embd}, n_embd2 ${cfg.n_embd2}): ${(e as Error).message}`,
      );
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
      if (!Number.isFinite(v[i]))
        throw new Error(`model.safetensors: ${name} holds ${v[i]} at element ${i}: the weights are not finite (the run diverged, or the file is corrupt)`);
  }
}

/**
 * Where a model comes from: a work dir or a .safetensors file (Node); the bytes of one
 * self-describing .safetensors (config in its metadata, as makemore writes them); or a
 * config.json + model.safetensors pair as bytes (a PyTorch work dir).
 */
export type ModelSource = string | Uint8Array | ArrayBuffer | { config: ConfigFile | string | object; weights: Uint8Array | ArrayBuffer };

/**
 * Loads a model from bytes. The Node entry's loadModel (train/workdir.ts) also takes a work dir
 * or a file path; this one must not reach the file system, or the browser entry would not bundle.
 */
export async function loadModel(source: Exclude<ModelSource, string>): Promise<LoadedModel> {
  // the type keeps paths out at compile time (Node code imports train/workdir.ts's loadModel); this, at run time
  if (typeof source === "string")
    throw new Error(
      `loadModel(${JSON.stringify(source)}): reading a path needs the Node entry; in a browser, pass the bytes of a .safetensors file (or { config, weights })`,
    );
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) {
    const { config, weights } = decodeModelFile(source instanceof Uint8Array ? source : new Uint8Array(source), "the model file");
    return buildModel(config, weights);
  }
  const raw = typeof source.config === "string" ? parseJsonStrict(source.config, "config.json") : source.config;
  const cfg = parseConfigFile(raw);
  const bytes = source.weights instanceof Uint8Array ? source.weights : new Uint8Array(source.weights);
  return buildModel(cfg, decodeModelWeights(bytes, "model.safetensors").weights);
}

/** The weights alone, with PyTorch's key names (what PyTorch's makemore and load_file read). */
export function encodeModel(model: LanguageModel): Uint8Array {
  return encodeSafetensors(model.stateDict());
}

/**
 * One self-describing .safetensors: the weights with PyTorch's key names, and config.json's
 * contents in the header's __metadata__ (safetensors.torch.load_file reads the weights as usual).
 */
export function encodeModelFile(weights: Map<string, Tensor>, config: ConfigFile, info: { step?: number } = {}): Uint8Array {
  const metadata: Record<string, string> = { format: "makemore", config: JSON.stringify(config) };
  if (info.step !== undefined) metadata.step = String(info.step);
  return encodeSafetensors(weights, metadata);
}

/** A self-describing model file's config and weights; a file without a config in its metadata is a one-line error. */
export function decodeModelFile(bytes: Uint8Array, source: string): { config: ConfigFile; weights: Map<string, Tensor>; step: number | null } {
  const { weights: tensors, metadata } = decodeModelWeights(bytes, source);
  if (metadata.config === undefined) throw new Error(`${source} has no config in its metadata: pass its config.json too, or a makemore work dir`);
  let raw: unknown;
  try {
    raw = JSON.parse(metadata.config);
  } catch {
    throw new Error(`${source}: the config in its metadata is not JSON`);
  }
  const step = metadata.step !== undefined && /^\d+$/.test(metadata.step) ? Number(metadata.step) : null;
  return { config: parseConfigFile(raw, `${source} (its config)`), weights: tensors, step };
}

/** A model in memory as one self-describing .safetensors (the playground's Download). */
export function encodeLoadedModel(loaded: Pick<LoadedModel, "model" | "vocab">): Uint8Array {
  return encodeModelFile(loaded.model.stateDict(), configFileOf(loaded.model, loaded.vocab));
}
