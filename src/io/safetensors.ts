import { Tensor } from "../tensor/tensor.js";
import { numelOf } from "../tensor/shape.js";
import { DTYPE_BYTES, type TensorEntry, parseSafetensorsHeader } from "./safetensors-header.js";
import { bfloat16BitsToFloat, halfBitsToFloat } from "../tensor/half.js";

/**
 * safetensors (huggingface/safetensors): an 8-byte little-endian header length, a JSON header
 * {name: {dtype, shape, data_offsets: [begin, end]}, __metadata__?}, then the raw little-endian
 * data. We write F32 (and I32 for integer tensors; F16, BF16 and I8 through encodeSafetensorsEntries);
 * we read F32, F64, F16, BF16, I8, I32 and I64,
 * converting floats to float32 and integers to int32. The header is checked against the bytes
 * present before anything is allocated (safetensors-header.ts), so a truncated, corrupt or
 * hostile file gives one clear error instead of garbage or an allocation the size of its claims.
 */
const MAX_HEADER = 100 * 1024 * 1024; // the reference reader's limit

export interface SafetensorsFile {
  tensors: Map<string, Tensor>;
  metadata: Record<string, string>;
  /** each tensor's dtype in the file (F16, BF16, I8, …), before the widening to float32/int32 */
  fileDTypes: Map<string, string>;
}

export function decodeSafetensors(bytes: Uint8Array, source = "safetensors file"): SafetensorsFile {
  const fail = (why: string): never => {
    throw new Error(`${source} is not a valid safetensors file: ${why}`);
  };
  if (bytes.length < 8) fail(`only ${bytes.length} bytes (truncated)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (headerLen > MAX_HEADER) fail(`header claims ${headerLen} bytes`);
  if (8 + headerLen > bytes.length) fail(`header claims ${headerLen} bytes but the file has ${bytes.length - 8} after the length (truncated)`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + headerLen));
  } catch {
    return fail("its header is not UTF-8 text");
  }
  const dataStart = 8 + headerLen;
  const header = parseSafetensorsHeader(text, bytes.length - dataStart, fail);
  const tensors = new Map<string, Tensor>();
  const fileDTypes = new Map<string, string>();
  for (const t of header.tensors) {
    tensors.set(t.name, decodeTensor(bytes, dataStart + t.begin, t, fail));
    fileDTypes.set(t.name, t.dtype);
  }
  return { tensors, metadata: header.metadata, fileDTypes };
}

function decodeTensor(bytes: Uint8Array, at: number, t: TensorEntry, fail: (why: string) => never): Tensor {
  const { dtype, shape } = t;
  const n = numelOf(shape);
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, n * DTYPE_BYTES[dtype]);
  if (dtype === "I8") return new Tensor(Int32Array.from(new Int8Array(bytes.buffer, bytes.byteOffset + at, n)), shape);
  if (dtype === "I32" || dtype === "I64") {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (dtype === "I32") out[i] = view.getInt32(i * 4, true);
      else {
        const v = view.getBigInt64(i * 8, true);
        // integer tensors are int32 here (token ids and counts): a wider value would wrap
        if (v < -2147483648n || v > 2147483647n) fail(`tensor ${JSON.stringify(t.name)} holds ${v}, beyond int32`);
        out[i] = Number(v);
      }
    }
    return new Tensor(out, shape);
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    switch (dtype) {
      case "F32":
        out[i] = view.getFloat32(i * 4, true);
        break;
      case "F64":
        out[i] = view.getFloat64(i * 8, true);
        break;
      case "F16":
        out[i] = halfBitsToFloat(view.getUint16(i * 2, true));
        break;
      case "BF16":
        out[i] = bfloat16BitsToFloat(view.getUint16(i * 2, true));
        break;
    }
  }
  return new Tensor(out, shape);
}

/** One tensor's raw little-endian bytes under a safetensors dtype name. */
export interface RawTensorEntry {
  dtype: "F32" | "F16" | "BF16" | "I8" | "I32";
  shape: readonly number[];
  data: Uint8Array;
}

/** Tensors sorted by name (as torch's writer does), float32 or int32, header padded to 8 bytes. */
export function encodeSafetensors(tensors: Map<string, Tensor> | Record<string, Tensor>, metadata?: Record<string, string>): Uint8Array {
  const raw = new Map<string, RawTensorEntry>();
  for (const [name, t] of tensors instanceof Map ? tensors : Object.entries(tensors)) {
    const isInt = t.dtype === "int32" || t.dtype === "bool";
    const values = isInt ? Int32Array.from(t.flat()) : t.dtype === "float32" ? t.f32() : Float32Array.from(t.flat());
    const blob = new Uint8Array(values.length * 4);
    const dv = new DataView(blob.buffer);
    for (let i = 0; i < values.length; i++) {
      if (isInt) dv.setInt32(i * 4, values[i], true);
      else dv.setFloat32(i * 4, values[i], true);
    }
    raw.set(name, { dtype: isInt ? "I32" : "F32", shape: t.shape, data: blob });
  }
  return encodeSafetensorsEntries(raw, metadata);
}

/** Already-encoded tensors (any dtype) into one file, sorted by name, header padded to 8 bytes. */
export function encodeSafetensorsEntries(tensors: Map<string, RawTensorEntry>, metadata?: Record<string, string>): Uint8Array {
  const entries = [...tensors].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // no prototype: a tensor named "__proto__" is then a key like any other, not a prototype
  const header: Record<string, unknown> = Object.create(null);
  if (metadata) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of entries) {
    header[name] = { dtype: t.dtype, shape: t.shape.slice(), data_offsets: [offset, offset + t.data.length] };
    offset += t.data.length;
  }
  const text = new TextEncoder().encode(JSON.stringify(header));
  const headLen = Math.ceil(text.length / 8) * 8; // padded with spaces, counted in bytes (the vocab may be non-ASCII)
  const out = new Uint8Array(8 + headLen + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headLen), true);
  out.fill(0x20, 8, 8 + headLen);
  out.set(text, 8);
  let at = 8 + headLen;
  for (const [, t] of entries) {
    out.set(t.data, at);
    at += t.data.length;
  }
  return out;
}
