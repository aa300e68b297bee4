import { test } from "node:test";
import assert from "node:assert/strict";
import { totalmem } from "node:os";
import * as mm from "makemore";
import { activationFloats } from "../src/models/memory-estimate.js";

const small = { vocabSize: 11, blockSize: 7, nLayer: 3, nHead: 2, nEmbd: 6, nEmbd2: 10 };
const wide = { vocabSize: 30, blockSize: 5, nLayer: 1, nHead: 4, nEmbd: 16, nEmbd2: 3 };

test("parameterCount is what each model's constructor allocates, without allocating it", () => {
  for (const type of mm.MODEL_TYPES)
    for (const cfg of [small, wide]) {
      const model = mm.createModel(type, cfg);
      const stateNumel = [...model.stateDict().values()].reduce((n, t) => n + t.numel(), 0);
      assert.equal(mm.parameterCount({ type, ...cfg }), model.numParameters(), `${type} parameters`);
      const e = mm.estimateMemory({ type, ...cfg }, { batchSize: 4, workers: 3 });
      assert.equal(e.weights, 4 * stateNumel, `${type}: weights and buffers, float32`);
      assert.equal(e.gradients, 3 * 4 * model.numParameters(), `${type}: one gradient buffer per worker`);
      assert.equal(e.optimizer, 2 * 4 * model.numParameters(), `${type}: AdamW's two moments`);
    }
});

test("estimateMemory adds up, and scales with workers, batch and dataset as it says", () => {
  const shape = { type: "transformer" as const, vocabSize: 27, blockSize: 16, nLayer: 4, nHead: 4, nEmbd: 64, nEmbd2: 64 };
  const one = mm.estimateMemory(shape, { batchSize: 32 });
  const four = mm.estimateMemory(shape, { batchSize: 32, workers: 4, words: 32033 });
  assert.equal(one.total, one.weights + one.gradients + one.optimizer + one.activations);
  assert.equal(four.dataset, 2 * 32033 * 16 * 4, "X and Y, int32, words × block size");
  assert.equal(four.total, four.inWasm + four.dataset);
  assert.equal(four.gradients, 4 * one.gradients);
  assert.ok(four.activations < one.activations * 1.6, "four workers share the batch: each holds a quarter of the rows");
  const scoring = mm.estimateMemory(shape, { batchSize: 1, training: false });
  assert.equal(scoring.gradients + scoring.optimizer, 0);
});

const BYTES = { float32: 4, float64: 8, int32: 4, bool: 1 } as const;

/** Bytes one forward (and backward) asks of the allocator: the scratch arena's high-water mark. */
function measuredStepBytes(type: mm.ModelType, cfg: typeof small, B: number, training: boolean): number {
  mm.manualSeed(1);
  const model = mm.createModel(type, cfg);
  // gradients live in their own buffers (the trainer's flat region), not in the arena
  for (const p of model.parameters()) p.grad = mm.zerosLike(p);
  const x = mm.randint(0, cfg.vocabSize, [B, cfg.blockSize]);
  const y = mm.randint(0, cfg.vocabSize, [B, cfg.blockSize]);
  const active = mm.activeBackend();
  const wasm = active.memory ? (active as mm.WasmBackend) : null;
  const arena = wasm?.arena();
  let counted = 0;
  const counter: mm.Allocator = {
    alloc(dtype, n) {
      counted += n * BYTES[dtype];
      return mm.heapAllocator.alloc(dtype, n);
    },
  };
  mm.withAllocator(arena ?? counter, () => {
    if (training) model.forward(x, y).loss!.backward();
    else mm.noGrad(() => model.forward(x, y));
  });
  const used = arena ? arena.bytesUsed : counted;
  arena?.release();
  return used;
}

test("the activation estimate is at least what a step really allocates, and at most 2.5× that", () => {
  const shapes = [
    { vocabSize: 27, blockSize: 16, nLayer: 2, nHead: 4, nEmbd: 64, nEmbd2: 64 },
    { vocabSize: 60, blockSize: 24, nLayer: 2, nHead: 6, nEmbd: 48, nEmbd2: 96 },
    { vocabSize: 500, blockSize: 9, nLayer: 1, nHead: 2, nEmbd: 32, nEmbd2: 16 },
  ];
  for (const type of mm.MODEL_TYPES)
    for (const cfg of shapes)
      for (const training of [true, false]) {
        const real = measuredStepBytes(type, cfg, 8, training);
        const estimate = activationFloats({ type, ...cfg }, 8, training) * 4 * 1.25;
        const what = `${type} ${JSON.stringify(cfg)} ${training ? "training" : "forward"}: estimate ${estimate}, real ${real}`;
        assert.ok(estimate >= real, what);
        assert.ok(estimate <= 2.5 * real, what);
      }
});

test("checkFits: one line with the need, its parts and the limits; silent when it fits", () => {
  const GB = 1024 ** 3;
  const e = { weights: 13 * GB, gradients: 13 * GB, optimizer: 26 * GB, activations: 0.5 * GB, dataset: 0, total: 52.5 * GB, inWasm: 52.5 * GB };
  assert.throws(
    () => mm.checkFits(e, { totalMemory: 24 * GB, wasmMemory: 4 * GB }),
    (err: Error) =>
      err.message ===
      "this model needs 52.5 GB (weights 13 GB, gradients 13 GB, AdamW moments 26 GB, activations 512 MB); " +
        "this machine has 24 GB and WebAssembly allows 4 GB per process: choose a smaller model, batch size or fewer workers",
  );
  assert.throws(() => mm.checkFits({ ...e, total: 30 * GB, inWasm: 30 * GB }, { totalMemory: 24 * GB }), /needs 30 GB .*; this machine has 24 GB:/);
  assert.throws(() => mm.checkFits({ ...e, total: 5 * GB, inWasm: 5 * GB }, { wasmMemory: 4 * GB }), /; WebAssembly allows 4 GB per process:/);
  mm.checkFits({ ...e, total: 3 * GB, inWasm: 3 * GB }, { totalMemory: 24 * GB, wasmMemory: 4 * GB });
  mm.checkFits(e, {});
});

test("memoryLimits: this machine's RAM (os.totalmem) and the wasm ceiling only under the wasm kernels", () => {
  const limits = mm.memoryLimits();
  assert.equal(limits.totalMemory, totalmem());
  assert.equal(limits.wasmMemory, mm.activeBackend().memory ? 4 * 1024 ** 3 : undefined);
});
