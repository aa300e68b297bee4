/**
 * src/random against torch 1.13, bit for bit: the bigram notebook's draws. The goldens are
 * test/fixtures/torch/rng.json and notebook.json (see RNG_NOTES.md); float32 values survive
 * the trip through JSON doubles unchanged, so deepEqual on numbers compares bits.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, multinomialRows, NB, f32, rand, randn, multinomial } from "./helpers/torch-rng.js";

// ---- notebook facts ----------------------------------------------------------------------------

const SEED = NB.seed as number;
const itos = [".", ...(NB.chars as string)];

/** notebook.py's probability rows, in float32: row sums of counts are exact integers. */
function bigramRows(smoothing: number): Float32Array[] {
  return (NB.N as number[][]).map((counts) => {
    const row = counts.map((c) => c + smoothing);
    const total = row.reduce((a, b) => a + b, 0);
    return Float32Array.from(row, (c) => c / total);
  });
}
const P_RAW = bigramRows(0);
const P_SMOOTH = bigramRows(1);
const UNIFORM = Array.from({ length: 27 }, () => new Float32Array(27).fill(1 / 27));

/** The notebook's sampling loop: a fresh Generator(seed) per list, ix starting at 0, one draw a step. */
function sampleWords(rows: Float32Array[], count: number, torch113: boolean): string[] {
  const g = new Generator(SEED);
  const words: string[] = [];
  for (let w = 0; w < count; w++) {
    let ix = 0;
    let word = "";
    do {
      ix = multinomialRows(g, rows[ix], 1, 27, 1, true, { torch113 })[0];
      word += itos[ix];
    } while (ix !== 0);
    words.push(word);
  }
  return words;
}

test("notebook: rand(3), its float32 normalisation and multinomial(p, 100, replacement=True)", () => {
  const g = new Generator(SEED);
  const r = rand(g, 3);
  assert.deepEqual(r, NB.rand3);
  const total = f32(f32(r[0] + r[1]) + r[2]);
  const p = r.map((v) => f32(v / total));
  assert.deepEqual(p, NB.rand3_normalised);
  assert.deepEqual(multinomial(g, p, 100, true), NB.multinomial100);
});

test("notebook: PyTorch 2.x fast-path samples (the notes' cexze. momasurailezitynn. ...)", () => {
  const expected = NB.samples_torch2_fastpath_sim;
  assert.deepEqual(sampleWords(P_RAW, 10, false), expected.P_raw);
  assert.deepEqual(sampleWords(P_SMOOTH, 10, false), expected.P_smooth);
  assert.deepEqual(sampleWords(UNIFORM, 10, false), expected.uniform);
  assert.deepEqual(sampleWords(P_SMOOTH, 10, false), NB.samples_notes.P);

  const g = new Generator(SEED);
  const a = multinomialRows(g, P_RAW[0], 1, 27, 1, true)[0];
  const b = multinomialRows(g, P_RAW[a], 1, 27, 1, true)[0];
  assert.deepEqual(
    [
      [a, itos[a]],
      [b, itos[b]],
    ],
    NB.first_draw_torch2_fastpath_sim,
  );
});

test("notebook: torch 1.13 samples (CDF path) and first draws", () => {
  assert.deepEqual(sampleWords(P_RAW, 10, true), NB.samples.P_raw);
  assert.deepEqual(sampleWords(P_SMOOTH, 10, true), NB.samples.P_smooth);
  assert.deepEqual(sampleWords(UNIFORM, 10, true), NB.samples.uniform);
  assert.deepEqual(Array.from(P_RAW[0]), NB.p_row0);

  const g = new Generator(SEED);
  const a = multinomialRows(g, P_RAW[0], 1, 27, 1, true, { torch113: true })[0];
  const b = multinomialRows(g, P_RAW[a], 1, 27, 1, true, { torch113: true })[0];
  assert.deepEqual([a, b], [NB.first_draw.ix, NB.first_draw.second_ix_from_row_of_first]);
});

test("notebook: W = torch.randn((27, 27), generator=g)", () => {
  assert.deepEqual(randn(new Generator(SEED), 27 * 27), NB.emma_forward.W);
});
