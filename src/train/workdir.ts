import { readFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { decodeSafetensors } from "../io/safetensors.js";
import { writeFileAtomic } from "../io/atomic.js";
import { parseJsonStrict } from "../io/json-keys.js";
import type { Vocab } from "../data/vocab.js";
import type { LanguageModel } from "../models/config.js";
import {
  type ConfigFile,
  type LoadedModel,
  type ModelSource,
  buildModel,
  configFileOf,
  decodeModelFile,
  encodeModelFile,
  loadModel as loadModelBytes,
  parseConfigFile,
} from "../models/checkpoint.js";
import { decodeModelWeights } from "../models/model-weights.js";
import { TRAIN_STATE_FILE, decodeTrainState, modelWeightsOf } from "./state.js";

export const CONFIG_FILE = "config.json";
export const MODEL_FILE = "model.safetensors";

export function readConfigFile(dir: string): ConfigFile {
  const path = join(dir, CONFIG_FILE);
  if (!existsSync(path)) throw new Error(`no trained model in ${dir}: ${CONFIG_FILE} is missing (train one with: makemore -i words.txt -o ${dir})`);
  return parseConfigFile(parseJsonStrict(readFileSync(path, "utf8"), path), path);
}

/** A makemore checkpoint (format 2) in `dir`, or null for a dir without one (e.g. exported by PyTorch). */
function readTrainStateIfAny(dir: string) {
  const path = join(dir, TRAIN_STATE_FILE);
  if (!existsSync(path)) return null;
  const bytes = readFileSync(path);
  const { metadata } = decodeSafetensors(bytes, path);
  if (metadata.format !== "makemore") return null;
  return decodeTrainState(bytes, path);
}

/**
 * The model of a work dir or a .safetensors file. A makemore work dir's train_state is its
 * commit point, so its model comes from there (model.safetensors and config.json are copies
 * for PyTorch and other readers, and may lag behind it after a kill); a dir without one (a
 * PyTorch export) is read from config.json and model.safetensors.
 */
export function readWorkDirModel(source: string): LoadedModel {
  if (!existsSync(source)) throw new Error(`no such work dir or model file: ${source}`);
  if (!statSync(source).isDirectory()) {
    const { config, weights } = decodeModelFile(readFileSync(source), source);
    return buildModel(config, weights);
  }
  const state = readTrainStateIfAny(source);
  if (state) {
    const chosen = modelWeightsOf(state);
    if (chosen) return buildModel(state.config, chosen.weights);
  }
  const path = join(source, MODEL_FILE);
  if (!existsSync(path)) {
    if (!existsSync(join(source, CONFIG_FILE))) throw new Error(`no trained model in ${source} (train one with: makemore -i words.txt -o ${source})`);
    throw new Error(`no trained model in ${source}: ${MODEL_FILE} is missing`);
  }
  const bytes = readFileSync(path);
  const { weights: tensors, metadata } = decodeModelWeights(bytes, path);
  if (metadata.config !== undefined) return buildModel(decodeModelFile(bytes, path).config, tensors);
  return buildModel(readConfigFile(source), tensors);
}

/** Writes model.safetensors (self-describing) and config.json, each atomically. */
export function writeModelExports(dir: string, modelFile: Uint8Array, config: ConfigFile): void {
  writeFileAtomic(join(dir, MODEL_FILE), modelFile);
  writeFileAtomic(join(dir, CONFIG_FILE), JSON.stringify(config, null, 1) + "\n");
}

/** A work dir for a model in memory (e.g. from trainModel): what loadModel(dir), the CLI and PyTorch read. */
export function saveModel(dir: string, loaded: Pick<LoadedModel, "model" | "vocab">): void {
  mkdirSync(dir, { recursive: true });
  const config = configFileOf(loaded.model as LanguageModel, loaded.vocab as Vocab);
  writeModelExports(dir, encodeModelFile(loaded.model.stateDict(), config), config);
}

/** The Node entry's loadModel: a work dir or .safetensors path, or the bytes core's loadModel takes. */
export async function loadModel(source: ModelSource): Promise<LoadedModel> {
  return typeof source === "string" ? readWorkDirModel(source) : loadModelBytes(source);
}
