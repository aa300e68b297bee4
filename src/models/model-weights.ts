/**
 * A model file's weights as float32, whatever dtype it stores them in: F32 (and F64) as
 * written, F16/BF16 widened exactly, and the int8 per-row layout of `makemore export --dtype
 * int8` (metadata "quantization": "int8-per-row"; `<name>` as I8 plus `<name>.scale`, one F32
 * per row) dequantized to q · scale. Anything else, or a file mixing float dtypes, is a one-line error.
 */
import { Tensor } from "../tensor/tensor.js";
import { decodeSafetensors } from "../io/safetensors.js";
import { dequantizeRows } from "../io/quantize.js";

export const INT8_LAYOUT = "int8-per-row";
export const SCALE_SUFFIX = ".scale";
const FLOAT_DTYPES = new Set(["F32", "F64", "F16", "BF16"]);

export interface DecodedWeights {
  weights: Map<string, Tensor>;
  metadata: Record<string, string>;
}

export function decodeModelWeights(bytes: Uint8Array, source: string): DecodedWeights {
  const { tensors, metadata, fileDTypes } = decodeSafetensors(bytes, source);
  const quantized = metadata.quantization;
  if (quantized !== undefined && quantized !== INT8_LAYOUT)
    throw new Error(`${source}: unknown quantization ${JSON.stringify(quantized)} (expected ${JSON.stringify(INT8_LAYOUT)})`);
  return { weights: quantized ? dequantizeAll(tensors, fileDTypes, source) : checkOneFloatDType(tensors, fileDTypes, source), metadata };
}

/** Integer tensors (a PyTorch step counter) pass; the float weights must share one dtype. */
function checkOneFloatDType(tensors: Map<string, Tensor>, dtypes: Map<string, string>, source: string): Map<string, Tensor> {
  const floats = new Map<string, string>(); // dtype → first tensor with it
  for (const [name, d] of dtypes) {
    if (d === "I8") throw new Error(`${source}: tensor ${name} is I8 but the file's metadata has no "quantization": "${INT8_LAYOUT}"`);
    if (FLOAT_DTYPES.has(d) && !floats.has(d)) floats.set(d, name);
  }
  if (floats.size > 1) {
    const [[a, na], [b, nb]] = [...floats];
    throw new Error(`${source} mixes dtypes: ${na} is ${a} but ${nb} is ${b} (a model file holds its weights in one dtype)`);
  }
  return tensors;
}

function dequantizeAll(tensors: Map<string, Tensor>, dtypes: Map<string, string>, source: string): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  for (const [name, t] of tensors) {
    const d = dtypes.get(name)!;
    if (name.endsWith(SCALE_SUFFIX) && dtypes.get(name.slice(0, -SCALE_SUFFIX.length)) === "I8") continue;
    if (d === "F32") {
      out.set(name, t);
      continue;
    }
    if (d !== "I8") throw new Error(`${source}: tensor ${name} is ${d}, but an ${INT8_LAYOUT} file holds I8 weights and F32 scales and vectors only`);
    const scale = tensors.get(name + SCALE_SUFFIX);
    const rows = t.shape[0] ?? 1;
    if (!scale || dtypes.get(name + SCALE_SUFFIX) !== "F32" || scale.numel() !== rows || t.ndim < 2)
      throw new Error(`${source}: int8 tensor ${name} needs ${name}${SCALE_SUFFIX}, F32 with one scale per row (${rows})`);
    out.set(name, new Tensor(dequantizeRows(t.i32(), scale.f32(), rows, t.numel() / rows), t.shape));
  }
  return out;
}
