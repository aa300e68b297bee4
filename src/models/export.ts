/**
 * Compact model files for embedding (`makemore export --dtype …`): the same self-describing
 * .safetensors as model.safetensors (PyTorch's key names, config.json in __metadata__), with
 * the weights stored as
 * - f16 / bf16: every float tensor in IEEE half or bfloat16, rounded to nearest even (half
 *   the bytes; PyTorch's safetensors reader loads them as torch.float16 / torch.bfloat16);
 * - int8: every tensor of two or more dims per-row symmetric (`<name>` I8, `<name>.scale` F32
 *   per row, src/io/quantize.ts), vectors (biases, LayerNorm and BatchNorm's) kept in float32:
 *   they are a few percent of the bytes and their errors would shift every activation at once.
 * model-weights.ts reads all of them back as float32.
 */
import type { Tensor } from "../tensor/tensor.js";
import { encodeHalf } from "../tensor/half.js";
import { type RawTensorEntry, encodeSafetensorsEntries } from "../io/safetensors.js";
import { quantizeRows } from "../io/quantize.js";
import type { ConfigFile } from "./checkpoint.js";
import { INT8_LAYOUT, SCALE_SUFFIX } from "./model-weights.js";

export const EXPORT_DTYPES = ["f32", "f16", "bf16", "int8"] as const;
export type ExportDType = (typeof EXPORT_DTYPES)[number];

const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function entry(t: Tensor, dtype: ExportDType): RawTensorEntry {
  const isInt = t.dtype === "int32" || t.dtype === "bool";
  if (isInt) return { dtype: "I32", shape: t.shape, data: bytesOf(Int32Array.from(t.flat())) };
  const v = Float32Array.from(t.flat());
  if (dtype === "f16") return { dtype: "F16", shape: t.shape, data: bytesOf(encodeHalf("float16", v)) };
  if (dtype === "bf16") return { dtype: "BF16", shape: t.shape, data: bytesOf(encodeHalf("bfloat16", v)) };
  return { dtype: "F32", shape: t.shape, data: bytesOf(v) };
}

/** The weights in `dtype` as one self-describing .safetensors (little-endian hosts, as wasm and every Node platform are). */
export function encodeExport(weights: Map<string, Tensor>, config: ConfigFile, dtype: ExportDType): Uint8Array {
  const metadata: Record<string, string> = { format: "makemore", config: JSON.stringify(config), dtype };
  const out = new Map<string, RawTensorEntry>();
  for (const [name, t] of weights) {
    if (dtype !== "int8" || t.ndim < 2 || t.dtype !== "float32") {
      out.set(name, entry(t, dtype === "int8" ? "f32" : dtype));
      continue;
    }
    const rows = t.shape[0];
    const { q, scale } = quantizeRows(t.contiguous().f32(), rows, t.numel() / rows);
    if (weights.has(name + SCALE_SUFFIX)) throw new Error(`cannot export ${name} as int8: a tensor ${name}${SCALE_SUFFIX} exists already`);
    out.set(name, { dtype: "I8", shape: t.shape, data: bytesOf(q) });
    out.set(name + SCALE_SUFFIX, { dtype: "F32", shape: [rows], data: bytesOf(scale) });
  }
  if (dtype === "int8") metadata.quantization = INT8_LAYOUT;
  return encodeSafetensorsEntries(out, metadata);
}
