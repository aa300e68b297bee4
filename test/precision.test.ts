/**
 * fp16 training with loss scaling and bf16, through the model and the training session: tiny
 * gradients flush to zero in 16-bit storage without scaling and survive with it; fp16/bf16 and
 * checkpointing settings are kept by --resume; a run's GradScaler state resumes exactly.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import * as mm from "makemore";
import { repoRoot } from "./helpers/fixtures.js";

const names = mm.readWordsFile(join(repoRoot, "data", "names.txt"));

test("fp16 storage: a tiny loss's gradients flush to zero without loss scaling and survive with it", () => {
  mm.manualSeed(3407);
  const { train } = mm.createDatasets(names);
  const { x, y } = train.batch(Array.from({ length: 16 }, (_, i) => 11 * i));
  mm.manualSeed(1);
  const model = mm.createModel("transformer", { vocabSize: train.vocab.size, blockSize: train.blockSize, nLayer: 2, nHead: 2, nEmbd: 16, nEmbd2: 16 }).train();
  const wte = model.stateDict().get("transformer.wte.weight")!; // below every block: its gradient crosses every boundary
  const param = model.parameters().find((p) => p.storage === wte.storage)!;
  const TINY = 2 ** -20; // the loss of a nearly converged model: gradients near 1e-9, below fp16's smallest subnormal (6e-8)
  const gradOf = (storage: "float32" | "float16", scaler: mm.GradScaler | null): Float32Array => {
    for (const p of model.parameters()) p.grad = null;
    mm.withMemoryPolicy({ checkpoint: false, storage }, () => {
      const loss = model.forward(x, y).loss!.mul(TINY);
      (scaler ? scaler.scale(loss) : loss).backward();
    });
    if (scaler) scaler.unscale_({ params: model.parameters(), step() {} });
    return Float32Array.from(param.grad!.f32());
  };
  const exact = gradOf("float32", null);
  assert.ok(
    exact.some((v) => v !== 0),
    "float32 keeps the tiny gradients",
  );
  const flushed = gradOf("float16", null);
  assert.ok(
    flushed.every((v) => v === 0),
    "fp16 without scaling: every gradient of the embedding is zero",
  );
  const scaled = gradOf("float16", new mm.GradScaler());
  const largest = exact.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  let worst = 0;
  for (let i = 0; i < exact.length; i++) worst = Math.max(worst, Math.abs(scaled[i] - exact[i]));
  assert.ok(worst <= 0.01 * largest, `fp16 with a GradScaler: the gradients survive (off by ${worst}, largest ${largest})`);
});

const words = names.slice(0, 600);
const TINY_RUN = {
  type: "transformer",
  nLayer: 2,
  nHead: 2,
  nEmbd: 16,
  nEmbd2: 16,
  batchSize: 8,
  learningRate: 1e-2,
  seed: 5,
  numSamples: 0,
  evalEvery: 10,
  workers: 1,
} as const;

async function run(session: mm.TrainingSession) {
  const losses: number[] = [];
  const evals: mm.EvalEvent[] = [];
  let state: Uint8Array | null = null;
  await session.start((e) => {
    if (e.kind === "step") losses.push(e.loss);
    if (e.kind === "eval") evals.push(e);
    if (e.kind === "checkpoint") state = e.trainState();
  });
  await session.close();
  return { losses, evals, state: state! };
}

for (const precision of ["fp16", "bf16"] as const) {
  test(`a ${precision} run with activation checkpointing resumes with its precision, checkpointing and loss scale, exactly`, async () => {
    const settings = { ...TINY_RUN, precision, activationCheckpointing: true };
    const whole = await run(await mm.startSession(words, { ...settings, maxSteps: 20 }));
    const first = await run(await mm.startSession(words, { ...settings, maxSteps: 10 }));
    const meta = mm.decodeTrainState(first.state, "state").meta;
    assert.equal(meta.run.precision, precision);
    assert.equal(meta.run.activationCheckpointing, true);
    assert.equal(meta.scaler !== undefined, precision === "fp16", "only fp16 keeps a GradScaler");
    const resumed = await mm.resumeSession(words, first.state, { maxSteps: 20, workers: 1 });
    assert.equal(resumed.runConfig.precision, precision);
    const rest = await run(resumed);
    assert.deepEqual([...first.losses, ...rest.losses], whole.losses);
    if (precision === "fp16") assert.deepEqual(whole.evals.at(-1)!.lossScaling, { scale: 65536, skippedSteps: 0 });
    else assert.equal(whole.evals.at(-1)!.lossScaling, undefined);
    const plain = await run(await mm.startSession(words, { ...TINY_RUN, maxSteps: 20 }));
    assert.notDeepEqual(whole.losses, plain.losses, "16-bit storage changes the numbers");
    assert.ok(Math.abs(whole.losses.at(-1)! - plain.losses.at(-1)!) < 0.05, "but only a little");
  });
}

test("an fp16 step whose gradients overflow is skipped and backs the scale off; the next one steps", async () => {
  // a learning rate and scale that make the first steps overflow fp16 at the block boundaries
  const session = await mm.startSession(words, { ...TINY_RUN, precision: "fp16", maxSteps: 12, evalEvery: 11 });
  const before = session.model.parameters().map((p) => Float32Array.from(p.f32()));
  const scaler = (session as unknown as { s: { scaler: mm.GradScaler } }).s.scaler;
  scaler.loadStateDict({ ...scaler.stateDict(), scale: 2 ** 28 });
  const { evals } = await run(session);
  const { scale, skippedSteps } = evals.at(-1)!.lossScaling!;
  assert.ok(skippedSteps >= 1, `${skippedSteps} skipped`);
  assert.equal(scale, 2 ** (28 - skippedSteps), "halved once per skipped step");
  assert.ok(skippedSteps < 12, "and later steps ran");
  assert.ok(
    session.model.parameters().some((p, i) => p.f32().some((v, j) => v !== before[i][j])),
    "the later steps updated the weights",
  );
});

test("bad precision settings are one-line errors", async () => {
  await assert.rejects(mm.startSession(words, { ...TINY_RUN, precision: "fp8" as never }), /^Error: precision must be one of fp32, fp16, bf16, got "fp8"$/);
  await assert.rejects(mm.startSession(words, { ...TINY_RUN, activationCheckpointing: "yes" as never }), /activationCheckpointing must be true or false/);
});
