import { Tensor } from "../tensor/tensor.js";
import { numelOf } from "../tensor/shape.js";

/**
 * safetensors (huggingface/safetensors): an 8-byte little-endian header length, a JSON header
 * {name: {dtype, shape, data_offsets: [begin, end]}, __metadata__?}, then the raw little-endian
 * data. We write F32 (and I32 for integer tensors); we read F32, F64, F16, BF16, I32 and I64,
 * converting floats to float32. Every size in a header is checked against the bytes present,
 * so a truncated or corrupt file gives one clear error instead of garbage.
 */
const MAX_HEADER = 100 * 1024 * 1024;

const BYTES: Record<string, number> = { F32: 4, F64: 8, F16: 2, BF16: 2, I32: 4, I64: 8 };

export interface SafetensorsFile {
  tensors: Map<string, Tensor>;
  metadata: Record<string, string>;
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
  let header: Record<string, any>;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
  } catch {
    return fail("its header is not JSON");
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) fail("its header is not a JSON object");
  const dataStart = 8 + headerLen;
  const dataLen = bytes.length - dataStart;
  const tensors = new Map<string, Tensor>();
  let metadata: Record<string, string> = {};
  for (const [name, info] of Object.entries(header)) {
    if (name === "__metadata__") {
      metadata = info ?? {};
      continue;
    }
    const { dtype, shape, data_offsets: off } = info ?? {};
    const size = BYTES[dtype];
    if (!size) fail(`tensor ${name} has unsupported dtype ${JSON.stringify(dtype)}`);
    if (!Array.isArray(shape) || !shape.every((s: unknown) => Number.isSafeInteger(s) && (s as number) >= 0)) fail(`tensor ${name} has an invalid shape`);
    if (!Array.isArray(off) || off.length !== 2 || !off.every((o: unknown) => Number.isSafeInteger(o) && (o as number) >= 0)) fail(`tensor ${name} has invalid data_offsets`);
    const [begin, end] = off as [number, number];
    const n = numelOf(shape);
    if (end < begin || end - begin !== n * size) fail(`tensor ${name}: shape ${JSON.stringify(shape)} needs ${n * size} bytes but data_offsets span ${end - begin}`);
    if (end > dataLen) fail(`tensor ${name} ends at byte ${end} but only ${dataLen} data bytes are present (truncated)`);
    tensors.set(name, decodeTensor(bytes, dataStart + begin, dtype, shape));
  }
  return { tensors, metadata };
}

function decodeTensor(bytes: Uint8Array, at: number, dtype: string, shape: number[]): Tensor {
  const n = numelOf(shape);
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, n * BYTES[dtype]);
  if (dtype === "I32" || dtype === "I64") {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = dtype === "I32" ? view.getInt32(i * 4, true) : Number(view.getBigInt64(i * 8, true));
    return new Tensor(out, shape);
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    switch (dtype) {
      case "F32": out[i] = view.getFloat32(i * 4, true); break;
      case "F64": out[i] = view.getFloat64(i * 8, true); break;
      case "F16": out[i] = halfToFloat(view.getUint16(i * 2, true)); break;
      case "BF16": out[i] = bf16ToFloat(view.getUint16(i * 2, true)); break;
    }
  }
  return new Tensor(out, shape);
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

const bfView = new DataView(new ArrayBuffer(4));
function bf16ToFloat(b: number): number {
  bfView.setUint32(0, b << 16);
  return bfView.getFloat32(0);
}

/** Tensors sorted by name (as torch's writer does), float32 or int32, header padded to 8 bytes. */
export function encodeSafetensors(tensors: Map<string, Tensor> | Record<string, Tensor>, metadata?: Record<string, string>): Uint8Array {
  const entries = [...(tensors instanceof Map ? tensors : Object.entries(tensors))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = metadata;
  let offset = 0;
  const blobs: Uint8Array[] = [];
  for (const [name, t] of entries) {
    const isInt = t.dtype === "int32" || t.dtype === "bool";
    const values = isInt ? Int32Array.from(t.flat()) : t.dtype === "float32" ? (t.f32()) : Float32Array.from(t.flat());
    const blob = new Uint8Array(values.length * 4);
    const dv = new DataView(blob.buffer);
    for (let i = 0; i < values.length; i++) {
      if (isInt) dv.setInt32(i * 4, values[i], true);
      else dv.setFloat32(i * 4, values[i], true);
    }
    header[name] = { dtype: isInt ? "I32" : "F32", shape: t.shape.slice(), data_offsets: [offset, offset + blob.length] };
    blobs.push(blob);
    offset += blob.length;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (json.length % 8)) % 8);
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const b of blobs) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
