import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import * as mm from "makemore";
import { fuzzProperty, outcome } from "./helpers/fuzz.js";

// The safetensors decoder on what a disk, a download or an adversary can hand it: every input
// is a correct load or one line saying why not; never an engine error, never an allocation
// beyond what the file holds.

const REFUSED = /^m\.safetensors is not a valid safetensors file: /;

// names JavaScript objects treat specially are as likely as any other
const name = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom("__proto__", "constructor", "toString")).filter((s) => s !== "__metadata__");
const shape = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 });
const numel = (s: number[]) => s.reduce((a, b) => a * b, 1);
const tensorArb = fc.oneof(
  shape.chain((s) => fc.array(fc.float(), { minLength: numel(s), maxLength: numel(s) }).map((v) => mm.tensor(Float32Array.from(v)).reshape(s))),
  shape.chain((s) =>
    fc
      .array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: numel(s), maxLength: numel(s) })
      .map((v) => mm.tensor(Int32Array.from(v)).reshape(s)),
  ),
);
const tensorsArb = fc.dictionary(name, tensorArb, { maxKeys: 5, noNullPrototype: true });
const metadataArb = fc.option(fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), name), fc.string({ maxLength: 6 }), { maxKeys: 3, noNullPrototype: true }), {
  nil: undefined,
});

const decode = (bytes: Uint8Array) => mm.decodeSafetensors(bytes, "m.safetensors");
const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));

/** What any successful load must satisfy: tensors as their shapes say, no more elements than bytes. */
function checkLoaded(bytes: Uint8Array, file: mm.SafetensorsFile): void {
  let elements = 0;
  for (const t of file.tensors.values()) {
    assert.equal(t.storage.length, t.numel());
    elements += t.numel();
  }
  assert.ok(elements * 2 <= bytes.length, "every element came from at least 2 bytes of the file");
  for (const v of Object.values(file.metadata)) assert.equal(typeof v, "string");
}

function withHeader(header: string, data: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

test("fuzz: what encodeSafetensors writes decodes to the same tensors, bit for bit", async () => {
  await fuzzProperty(
    "safetensors round trip",
    fc.property(tensorsArb, metadataArb, (tensors, metadata) => {
      const out = decode(mm.encodeSafetensors(tensors, metadata));
      assert.deepEqual(out.metadata, metadata ?? {});
      assert.deepEqual([...out.tensors.keys()].sort(), Object.keys(tensors).sort());
      for (const [k, t] of Object.entries(tensors)) {
        const got = out.tensors.get(k)!;
        assert.deepEqual(got.shape, t.shape);
        assert.equal(got.dtype, t.dtype);
        assert.ok(sameBits(got.flat(), t.flat()), k);
      }
    }),
    150,
  );
});

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("append" as const), bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ kind: fc.constant("length" as const), value: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }) }),
);

function mutate(bytes: Uint8Array, m: fc.Arbitrary<unknown> extends never ? never : any): Uint8Array {
  const b = new Uint8Array(bytes);
  switch (m.kind) {
    case "flip":
      if (b.length) b[m.at % b.length] ^= m.xor;
      return b;
    case "truncate":
      return b.subarray(0, b.length ? m.at % b.length : 0);
    case "append": {
      const out = new Uint8Array(b.length + m.bytes.length);
      out.set(b);
      out.set(m.bytes, b.length);
      return out;
    }
    case "length":
      if (b.length >= 8) new DataView(b.buffer).setBigUint64(0, m.value, true);
      return b;
  }
  return b;
}

test("fuzz: a damaged file loads correctly or fails with one line", async () => {
  await fuzzProperty(
    "safetensors mutations",
    fc.property(tensorsArb, fc.array(mutation, { minLength: 1, maxLength: 3 }), (tensors, mutations) => {
      const bytes = mutations.reduce(mutate, mm.encodeSafetensors(tensors));
      const r = outcome(() => decode(bytes), REFUSED);
      if (r.ok) checkLoaded(bytes, r.value);
    }),
    300,
  );
});

const hostileNumber = fc.oneof(fc.integer({ min: -3, max: 20 }), fc.constantFrom(2 ** 31, 2 ** 53, 2 ** 64, 1e12, -0, 0.5, NaN), fc.double());
const hostileEntry = fc.record(
  {
    dtype: fc.oneof(fc.constantFrom("F32", "F64", "F16", "BF16", "I32", "I64", "U8", "BOOL", ""), fc.anything()),
    shape: fc.oneof(fc.array(hostileNumber, { maxLength: 4 }), fc.anything()),
    data_offsets: fc.oneof(fc.tuple(hostileNumber, hostileNumber), fc.array(hostileNumber, { maxLength: 3 }), fc.anything()),
  },
  { requiredKeys: [] },
);
const hostileHeader = fc.oneof(
  fc.dictionary(fc.oneof(name, fc.constant("__metadata__")), fc.oneof(hostileEntry, fc.anything()), { maxKeys: 4 }).map((h) => JSON.stringify(h)),
  fc.json(),
  fc.string(),
);

test("fuzz: a hostile header fails with one line before anything is allocated for it", async () => {
  await fuzzProperty(
    "safetensors hostile headers",
    fc.property(hostileHeader, fc.uint8Array({ maxLength: 64 }), (header, data) => {
      const bytes = withHeader(header, data);
      const r = outcome(() => decode(bytes), REFUSED);
      if (r.ok) checkLoaded(bytes, r.value);
    }),
    400,
  );
});
