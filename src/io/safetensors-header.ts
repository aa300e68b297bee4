import * as z from "zod";
import { repeatedKey } from "./json-keys.js";

/**
 * The safetensors header, checked to the letter of the format (huggingface/safetensors): a JSON
 * object of {name: {dtype, shape, data_offsets}} plus an optional "__metadata__" of strings;
 * every name once; every tensor's byte count from its dtype and shape; and the data_offsets
 * tiling the data region exactly, with no overlaps, no holes and no trailing bytes. All of it
 * is arithmetic on the header, so a hostile file fails before a byte is allocated for it.
 */
export const DTYPE_BYTES = { F32: 4, F64: 8, F16: 2, BF16: 2, I8: 1, I32: 4, I64: 8 } as const;
export type SafetensorsDType = keyof typeof DTYPE_BYTES;
const DTYPES = Object.keys(DTYPE_BYTES) as SafetensorsDType[];

/** More than any model here has (4) and as many as torch supports. */
const MAX_RANK = 64;

/** A non-negative integer JS numbers hold exactly; every failure says `error`. */
const count = (error: string) => z.number({ error }).int({ error }).nonnegative({ error }).max(Number.MAX_SAFE_INTEGER, { error });
const SHAPE = "shape must be a list of non-negative integers";
const OFFSETS = "data_offsets must be [begin, end], non-negative integers";
const TensorEntry = z.object(
  {
    dtype: z.enum(DTYPES, { error: (i) => `dtype must be one of ${DTYPES.join(", ")}, got ${JSON.stringify(i.input)}` }),
    shape: z
      .array(count(SHAPE), { error: SHAPE })
      .max(MAX_RANK, { error: (i) => `shape has ${(i.input as unknown[]).length} dimensions; at most ${MAX_RANK}` }),
    data_offsets: z.tuple([count(OFFSETS), count(OFFSETS)], { error: OFFSETS }),
  },
  { error: "must be an object {dtype, shape, data_offsets}" },
);
const Metadata = z.record(z.string(), z.string({ error: (i) => `__metadata__ ${JSON.stringify(i.path?.[0])} must be a string` }), {
  error: "__metadata__ must map strings to strings",
});

export interface TensorEntry {
  name: string;
  dtype: SafetensorsDType;
  shape: number[];
  begin: number;
  end: number;
}

export interface SafetensorsHeader {
  tensors: TensorEntry[];
  metadata: Record<string, string>;
}

/** The first issue zod found, as one line ("must be …"). */
const firstIssue = (e: z.ZodError): string => e.issues[0].message;

/**
 * Parses and checks the header text against `dataLength`, the bytes after the header. `fail`
 * throws the caller's one-line error.
 */
export function parseSafetensorsHeader(text: string, dataLength: number, fail: (why: string) => never): SafetensorsHeader {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail("its header is not JSON");
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail("its header is not a JSON object");
  const dup = repeatedKey(text);
  if (dup !== null) fail(`its header repeats the key ${JSON.stringify(dup)}`);
  let metadata: Record<string, string> = {};
  const tensors: TensorEntry[] = [];
  for (const [name, info] of Object.entries(raw as Record<string, unknown>)) {
    if (name === "__metadata__") {
      const m = Metadata.safeParse(info);
      if (!m.success) fail(firstIssue(m.error));
      // from the raw entries: an own "__proto__" key survives Object.fromEntries, not zod's copy
      metadata = Object.fromEntries(Object.entries(info as Record<string, string>));
      continue;
    }
    const t = TensorEntry.safeParse(info);
    if (!t.success) return fail(`tensor ${JSON.stringify(name)}: ${firstIssue(t.error)}`);
    const {
      dtype,
      shape,
      data_offsets: [begin, end],
    } = t.data;
    if (end < begin) fail(`tensor ${JSON.stringify(name)}: data_offsets end before they begin (${begin}, ${end})`);
    const bytes = byteSize(shape, DTYPE_BYTES[dtype]);
    if (bytes === null) fail(`tensor ${JSON.stringify(name)}: shape ${JSON.stringify(shape)} needs more bytes than the file has`);
    if (bytes !== end - begin) fail(`tensor ${JSON.stringify(name)}: shape ${JSON.stringify(shape)} needs ${bytes} bytes but data_offsets span ${end - begin}`);
    if (end > dataLength) fail(`tensor ${JSON.stringify(name)} ends at byte ${end} but only ${dataLength} data bytes are present (truncated)`);
    tensors.push({ name, dtype, shape, begin, end });
  }
  checkTiling(tensors, dataLength, fail);
  return { tensors, metadata };
}

/**
 * numel × element size, or null past 2^53: a hostile shape's product would lose exactness (and
 * nothing that large fits in a file). A zero dimension makes any shape empty.
 */
function byteSize(shape: readonly number[], elementBytes: number): number | null {
  if (shape.includes(0)) return 0;
  let n = elementBytes;
  for (const d of shape) {
    n *= d;
    if (n > Number.MAX_SAFE_INTEGER) return null;
  }
  return n;
}

/** The spans, sorted, must run from 0 to the end of the data, each starting where the last ended. */
function checkTiling(tensors: readonly TensorEntry[], dataLength: number, fail: (why: string) => never): void {
  const spans = tensors.filter((t) => t.end > t.begin).sort((a, b) => a.begin - b.begin);
  let at = 0;
  for (const t of spans) {
    if (t.begin < at) fail(`tensor ${JSON.stringify(t.name)} (bytes ${t.begin} to ${t.end}) overlaps the tensor before it (which ends at ${at})`);
    if (t.begin > at) fail(`bytes ${at} to ${t.begin} belong to no tensor`);
    at = t.end;
  }
  if (at < dataLength) fail(`${dataLength - at} trailing byte${dataLength - at === 1 ? "" : "s"} after the last tensor`);
}
