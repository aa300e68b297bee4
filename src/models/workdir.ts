import { readFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { decodeSafetensors } from "../io/safetensors.js";
import { writeFileAtomic } from "../io/atomic.js";
import { parseJsonStrict } from "../io/json-keys.js";
import type { Vocab } from "../data/vocab.js";
import type { LanguageModel } from "./config.js";
import { type ConfigFile, type LoadedModel, buildModel, configFileOf, encodeModel, parseConfigFile } from "./checkpoint.js";

export const CONFIG_FILE = "config.json";
export const MODEL_FILE = "model.safetensors";

export function readConfigFile(dir: string): ConfigFile {
  const path = join(dir, CONFIG_FILE);
  if (!existsSync(path)) throw new Error(`no trained model in ${dir}: ${CONFIG_FILE} is missing (train one with: makemore -i words.txt -o ${dir})`);
  return parseConfigFile(parseJsonStrict(readFileSync(path, "utf8"), path), path);
}

export function readWorkDirModel(dir: string): LoadedModel {
  const cfg = readConfigFile(dir);
  const path = join(dir, MODEL_FILE);
  if (!existsSync(path)) throw new Error(`no trained model in ${dir}: ${MODEL_FILE} is missing`);
  return buildModel(cfg, decodeSafetensors(readFileSync(path), path).tensors);
}

/** Writes config.json and model.safetensors, each atomically (config first: it changes only on a new run). */
export function writeWorkDirModel(dir: string, model: LanguageModel, vocab: Vocab): void {
  writeFileAtomic(join(dir, CONFIG_FILE), JSON.stringify(configFileOf(model, vocab), null, 1) + "\n");
  writeFileAtomic(join(dir, MODEL_FILE), encodeModel(model));
}

/** A work dir for a model in memory (e.g. from trainModel): what loadModel(dir), the CLI and PyTorch read. */
export function saveModel(dir: string, loaded: Pick<LoadedModel, "model" | "vocab">): void {
  mkdirSync(dir, { recursive: true });
  writeWorkDirModel(dir, loaded.model, loaded.vocab);
}
