import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";

/** A safetensors file from a header (object or raw JSON text) and the data bytes that follow it. */
function file(header: object | string, data: Uint8Array | number): Uint8Array {
  const json = new TextEncoder().encode(typeof header === "string" ? header : JSON.stringify(header));
  const body = typeof data === "number" ? new Uint8Array(data) : data;
  const out = new Uint8Array(8 + json.length + body.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(body, 8 + json.length);
  return out;
}

const f32 = (shape: number[], begin: number, end: number) => ({ dtype: "F32", shape, data_offsets: [begin, end] });
const decode = (bytes: Uint8Array) => mm.decodeSafetensors(bytes, "m.safetensors");
/** One line, naming the file, from our own checks (not a TypeError or RangeError from the engine). */
function refused(bytes: Uint8Array, why: RegExp): void {
  assert.throws(
    () => decode(bytes),
    (e: unknown) => {
      assert.ok(e instanceof Error && e.constructor === Error, `a plain Error, got ${String(e)}`);
      assert.doesNotMatch(e.message, /\n/);
      assert.match(e.message, /^m\.safetensors is not a valid safetensors file: /);
      assert.match(e.message, why);
      return true;
    },
  );
}

test("data_offsets must tile the data: overlaps, holes and trailing bytes are refused", () => {
  refused(file({ a: f32([2], 0, 8), b: f32([2], 4, 12) }, 12), /overlap/);
  refused(file({ a: f32([1], 0, 4), b: f32([1], 8, 12) }, 12), /bytes 4 to 8 belong to no tensor/);
  refused(file({ a: f32([1], 4, 8) }, 8), /bytes 0 to 4 belong to no tensor/);
  refused(file({ a: f32([2], 0, 8) }, 9), /1 trailing byte after the last tensor/);
  // torch's writer may put a zero-size tensor anywhere: it covers no bytes
  const ok = decode(file({ a: f32([0], 0, 0), b: f32([2], 0, 8), c: f32([3, 0], 8, 8) }, 8));
  assert.deepEqual([...ok.tensors.keys()].sort(), ["a", "b", "c"]);
  assert.deepEqual(ok.tensors.get("c")!.shape, [3, 0]);
});

test("the header is a JSON object of tensors and string metadata, each name once", () => {
  refused(file("[]", 0), /header is not a JSON object/);
  refused(file('"w"', 0), /header is not a JSON object/);
  refused(file({ __metadata__: { format: 1 } }, 0), /__metadata__ "format" must be a string/);
  refused(file({ __metadata__: ["pt"] }, 0), /__metadata__ must map strings to strings/);
  refused(
    file('{"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "w": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}', 8),
    /repeats the key "w"/,
  );
  // as the reference reader (serde without deny_unknown_fields), fields we do not know are ignored
  assert.ok(decode(file({ w: { ...f32([1], 0, 4), extra: { a: 1 } } }, 4)).tensors.has("w"));
  refused(file('{"w": {"dtype": "F32", "dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}', 4), /repeats the key "dtype"/);
  const meta = decode(file({ __metadata__: { format: "pt" }, w: f32([1], 0, 4) }, 4));
  assert.deepEqual(meta.metadata, { format: "pt" });
});

test("dtypes, shapes and offsets are checked field by field", () => {
  refused(file({ w: { dtype: "U8", shape: [1], data_offsets: [0, 1] } }, 1), /tensor "w": dtype must be one of F32, F64, F16, BF16, I8, I32, I64, got "U8"/);
  refused(file({ w: { ...f32([1], 0, 4), shape: [-1] } }, 4), /tensor "w": shape must be a list of non-negative integers/);
  refused(file({ w: { ...f32([1], 0, 4), shape: new Array(65).fill(1) } }, 4), /tensor "w": shape has 65 dimensions; at most 64/);
  refused(file({ w: { dtype: "F32", shape: [1] } }, 4), /tensor "w": data_offsets must be \[begin, end\]/);
  refused(file({ w: f32([3], 0, 8) }, 8), /tensor "w": shape \[3\] needs 12 bytes but data_offsets span 8/);
  refused(file({ w: f32([2], 8, 0) }, 8), /tensor "w": data_offsets end before they begin/);
});

test("a header claiming a 10^12-element tensor fails from the header alone, before any allocation", () => {
  const before = process.memoryUsage().arrayBuffers;
  refused(file({ w: f32([1_000_000, 1_000_000], 0, 4e12) }, 16), /tensor "w" ends at byte 4000000000000 but only 16 data bytes are present/);
  refused(
    file({ w: f32([2 ** 40, 2 ** 40, 2 ** 40], 0, 16) }, 16),
    /tensor "w": shape \[1099511627776,1099511627776,1099511627776\] needs more bytes than the file has/,
  );
  assert.ok(process.memoryUsage().arrayBuffers - before < 1 << 20, "nothing the size of the claim was allocated");
});

test("I64 values beyond int32 are refused, not wrapped", () => {
  const data = new Uint8Array(16);
  new DataView(data.buffer).setBigInt64(0, 7n, true);
  new DataView(data.buffer).setBigInt64(8, 3_000_000_000n, true);
  refused(file({ ids: { dtype: "I64", shape: [2], data_offsets: [0, 16] } }, data), /tensor "ids" holds 3000000000, beyond int32/);
  new DataView(data.buffer).setBigInt64(8, -5n, true);
  assert.deepEqual(
    decode(file({ ids: { dtype: "I64", shape: [2], data_offsets: [0, 16] } }, data))
      .tensors.get("ids")!
      .tolist(),
    [7, -5],
  );
});

test("what encodeSafetensors writes decodes to the same tensors and metadata", () => {
  const tensors = {
    b: mm.tensor([
      [1.5, -2],
      [3, 4],
    ]),
    a: mm.tensor([1, 2, 3], { dtype: "int32" }),
    e: mm.zeros([0]),
  };
  const out = decode(mm.encodeSafetensors(tensors, { note: "x" }));
  assert.deepEqual(out.metadata, { note: "x" });
  for (const [k, t] of Object.entries(tensors)) {
    assert.deepEqual(out.tensors.get(k)!.shape, t.shape);
    assert.deepEqual(out.tensors.get(k)!.tolist(), t.tolist());
  }
});
