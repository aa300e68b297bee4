import * as mm from "makemore";

/** A model the page holds: one self-describing .safetensors (weights, and config.json in its metadata). */
export interface ModelFile {
  name: string;
  bytes: Uint8Array;
}

/** The config.json a self-describing file carries in its safetensors __metadata__. */
export function configOf(bytes: Uint8Array, source: string): mm.ConfigFile {
  const { metadata } = mm.decodeSafetensors(bytes, source);
  const text = metadata.config;
  if (typeof text !== "string") throw new Error(`${source} has no config in its metadata: upload config.json and model.safetensors together`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${source}: the config in its metadata is not valid JSON`);
  }
  return mm.parseConfigFile(raw, source);
}

/** The model in a self-describing file, ready to sample from and score with. */
export async function loadModelFile(bytes: Uint8Array, source = "model.safetensors"): Promise<mm.LoadedModel> {
  return mm.loadModel({ config: configOf(bytes, source), weights: bytes });
}

/** One file from a work dir's config.json and model.safetensors (PyTorch's or the CLI's). */
export async function fromWorkDirFiles(config: Uint8Array, weights: Uint8Array): Promise<Uint8Array> {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(config));
  } catch {
    throw new Error("config.json is not valid JSON");
  }
  const loaded = await mm.loadModel({ config: mm.parseConfigFile(raw), weights });
  return mm.encodeSafetensors(loaded.model.stateDict(), { config: JSON.stringify(loaded.config) });
}

/**
 * What Upload takes: one self-describing .safetensors, or a work dir's config.json and
 * model.safetensors chosen together. Bad files give a one-line message.
 */
export async function readModelUpload(files: File[]): Promise<ModelFile> {
  const byName = (suffix: string) => files.find((f) => f.name.toLowerCase().endsWith(suffix));
  const json = byName(".json");
  const st = byName(".safetensors");
  if (!st) throw new Error(json ? "config.json needs its model.safetensors: choose both files together" : "choose a .safetensors file (or a work dir's config.json and model.safetensors)");
  const weights = new Uint8Array(await st.arrayBuffer());
  if (json) return { name: `${json.name} + ${st.name}`, bytes: await fromWorkDirFiles(new Uint8Array(await json.arrayBuffer()), weights) };
  await loadModelFile(weights, st.name); // fail now, with the file's name, rather than at the first sample
  return { name: st.name, bytes: weights };
}
