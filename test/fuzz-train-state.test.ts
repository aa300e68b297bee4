import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import * as mm from "makemore";
import { fuzzProperty, outcome } from "./helpers/fuzz.js";
import { repoRoot } from "./helpers/fixtures.js";

// The train-state reader (what --resume and a page's kept run read back) on damaged headers: a
// field removed, retyped or set to an absurd value, or bytes flipped, gives a clean one-line
// error or a state that resumes; never an engine error, never a run with batch size 0.

const words = mm.readWordsFile(join(repoRoot, "data", "names.txt")).slice(0, 200);

async function aTrainState(): Promise<Uint8Array> {
  const s = await mm.startSession(words, { type: "mlp", nEmbd: 4, nEmbd2: 8, batchSize: 4, maxSteps: 3, numSamples: 0, workers: 1 });
  let bytes: Uint8Array | null = null;
  await s.start((e) => void (e.kind === "checkpoint" && (bytes = e.trainState())));
  await s.close();
  return bytes!;
}

/** The header's JSON and the data bytes of a safetensors file, to edit and re-encode. */
function split(bytes: Uint8Array): { header: Record<string, any>; data: Uint8Array } {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return { header: JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))), data: bytes.subarray(8 + n) };
}
function join8(header: Record<string, any>, data: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

/** Every path to a value in a JSON tree. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== "object") return [prefix];
  const keys = Array.isArray(v) ? v.map((_, i) => i).slice(0, 3) : Object.keys(v);
  return [prefix, ...keys.flatMap((k) => paths((v as any)[k], [...prefix, k]))];
}

const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer({ min: -5, max: 5 }),
  fc.double(),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.constant(1e300),
);

test("fuzz: a train state with any field of its header damaged is resumed or refused in one line", async () => {
  const good = await aTrainState();
  const { header, data } = split(good);
  const meta = JSON.parse(header.__metadata__.train_state);
  const all = paths(meta).filter((p) => p.length > 0);
  await fuzzProperty(
    "train state header",
    fc.asyncProperty(fc.constantFrom(...all), junk, async (path, value) => {
      const edited = structuredClone(meta);
      let at = edited;
      for (const k of path.slice(0, -1)) at = at[k];
      if (value === undefined) delete at[path.at(-1)!];
      else at[path.at(-1)!] = value;
      const bytes = join8({ ...header, __metadata__: { ...header.__metadata__, train_state: JSON.stringify(edited) } }, data);
      const r = outcome(() => mm.decodeTrainState(bytes, "train_state.safetensors"));
      if (!r.ok) return;
      // a header that still validates must resume (or refuse in one line, e.g. other words)
      try {
        const s = await mm.resumeSession(words, r.value, { maxSteps: r.value.meta.step + 1, workers: 1 });
        assert.ok(s.runConfig.batchSize >= 1);
        await s.close();
      } catch (e) {
        outcome(() => {
          throw e;
        });
      }
    }),
    60,
  );
});

test("fuzz: a train state with bytes flipped anywhere is read or refused in one line", async () => {
  const good = await aTrainState();
  await fuzzProperty(
    "train state bytes",
    fc.property(fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (flips) => {
      const bytes = good.slice();
      for (const [i, b] of flips) bytes[i] = b;
      outcome(() => mm.decodeTrainState(bytes, "train_state.safetensors"));
    }),
    100,
  );
});
