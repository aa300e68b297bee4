import * as mm from "makemore";

/** A model the page holds: one self-describing .safetensors (weights, and config.json in its metadata). */
export interface ModelFile {
  name: string;
  bytes: Uint8Array;
}

/** The config.json a self-describing file carries in its safetensors __metadata__. */
export const configOf = (bytes: Uint8Array, source: string): mm.ConfigFile => mm.decodeModelFile(bytes, source).config;

/** The model in a self-describing file, ready to sample from and score with. */
export const loadModelFile = (bytes: Uint8Array): Promise<mm.LoadedModel> => mm.loadModel(bytes);

/**
 * What Upload takes: one self-describing .safetensors, or a work dir's config.json and
 * model.safetensors chosen together (PyTorch's or the CLI's). Bad files give a one-line message.
 */
export async function readModelUpload(files: File[]): Promise<ModelFile> {
  const byName = (suffix: string) => files.find((f) => f.name.toLowerCase().endsWith(suffix));
  const json = byName(".json");
  const st = byName(".safetensors");
  if (!st)
    throw new Error(
      json
        ? "config.json needs its model.safetensors: choose both files together"
        : "choose a .safetensors file (or a work dir's config.json and model.safetensors)",
    );
  const weights = new Uint8Array(await st.arrayBuffer());
  if (json) {
    const loaded = await mm.loadModel({ config: new TextDecoder().decode(await json.arrayBuffer()), weights });
    return { name: `${json.name} + ${st.name}`, bytes: mm.encodeLoadedModel(loaded) };
  }
  mm.decodeModelFile(weights, st.name); // fail now, naming the file, rather than at the first sample
  return { name: st.name, bytes: weights };
}
