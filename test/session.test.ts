import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import * as mm from "makemore";
import { repoRoot } from "./helpers/fixtures.js";

const words = mm.readWordsFile(join(repoRoot, "data", "names.txt")).slice(0, 600);
const TINY = { type: "transformer", nLayer: 1, nHead: 2, nEmbd: 16, nEmbd2: 16, batchSize: 8, learningRate: 1e-2, seed: 5, numSamples: 2 } as const;

/** Every event of a session run to its end (or stopped after `stopAfter` steps), with each checkpoint's bytes taken while they are live. */
async function runAll(session: mm.TrainingSession, stopAfter?: number) {
  const events: mm.SessionEvent[] = [];
  const checkpoints: { step: number; trainState: Uint8Array; modelFile: Uint8Array }[] = [];
  const stop = await session.start((e) => {
    events.push(e);
    if (e.kind === "step" && e.step + 1 === stopAfter) session.stop();
    if (e.kind === "checkpoint") checkpoints.push({ step: e.step, trainState: e.trainState(), modelFile: e.modelFile() });
  });
  await session.close();
  const evals = events.filter((e): e is mm.EvalEvent => e.kind === "eval");
  const losses = events.filter((e): e is mm.StepEvent => e.kind === "step").map((e) => e.loss);
  return { stop, evals, losses, checkpoints, events };
}

test("a run stopped by its step budget and resumed from its checkpoint ends exactly as an uninterrupted one", async () => {
  const whole = await runAll(await mm.startSession(words, { ...TINY, maxSteps: 60, evalEvery: 20, workers: 1 }));
  const first = await runAll(await mm.startSession(words, { ...TINY, maxSteps: 30, evalEvery: 20, workers: 1 }));
  assert.deepEqual(
    first.evals.map((e) => [e.step, e.final]),
    [
      [20, false],
      [29, true],
    ],
    "a final evaluation at the stop",
  );
  const last = first.checkpoints.at(-1)!;
  assert.equal(last.step, 30);
  const rest = await runAll(await mm.resumeSession(words, last.trainState, { maxSteps: 60, workers: 1 }));
  assert.deepEqual([...first.losses, ...rest.losses], whole.losses, "the same loss at every step");
  const scheduled = (evals: mm.EvalEvent[]) => evals.filter((e) => !e.final).map((e) => [e.step, e.trainLoss, e.testLoss, e.best]);
  assert.deepEqual(scheduled([...first.evals, ...rest.evals]), scheduled(whole.evals), "the same scheduled evaluations, and the same best");
  assert.deepEqual(rest.checkpoints.at(-1)!.modelFile, whole.checkpoints.at(-1)!.modelFile, "the same model, byte for byte");
  const [a, b] = [rest, whole].map((r) => mm.decodeTrainState(r.checkpoints.at(-1)!.trainState, "state"));
  assert.deepEqual({ ...a.meta, elapsed: 0 }, { ...b.meta, elapsed: 0 }, "the same training state (but for the time it took)");
  for (const part of ["model", "best", "expAvg", "expAvgSq"] as const)
    for (const [k, t] of a[part]) assert.deepEqual(t.flat(), b[part].get(k)!.flat(), `${part} ${k}`);
});

test("with dropout, a cosine schedule with warmup, clipping and an EMA, a stopped and resumed run still ends exactly as an uninterrupted one", async () => {
  const recipe = { ...TINY, dropout: 0.2, lrSchedule: "cosine", warmupSteps: 10, gradClip: 0.5, ema: 0.9, evalEvery: 20, workers: 1 } as const;
  const whole = await runAll(await mm.startSession(words, { ...recipe, maxSteps: 60 }));
  const first = await runAll(await mm.startSession(words, { ...recipe, maxSteps: 60 }), 33);
  const last = first.checkpoints.at(-1)!;
  assert.equal(last.step, 33);
  const rest = await runAll(await mm.resumeSession(words, last.trainState, { maxSteps: 60, workers: 1 }));
  assert.deepEqual([...first.losses, ...rest.losses], whole.losses, "the same loss at every step");
  const lrs = whole.events.filter((e): e is mm.StepEvent => e.kind === "step").map((e) => e.lr);
  const schedule = mm.cosineLR({ baseLr: TINY.learningRate, warmupSteps: 10, minLr: TINY.learningRate / 10, totalSteps: 60 });
  assert.deepEqual(
    lrs,
    lrs.map((_, i) => schedule(i)),
    "the cosine schedule's learning rate at every step",
  );
  assert.deepEqual(rest.checkpoints.at(-1)!.modelFile, whole.checkpoints.at(-1)!.modelFile, "the same model (the moving average), byte for byte");
});

test("the final evaluation offers its weights as the model only when they beat the best scheduled one", async () => {
  const r = await runAll(await mm.startSession(words, { ...TINY, maxSteps: 45, evalEvery: 20, workers: 1 }));
  const [e20, e40, final] = r.evals;
  const best = e20.testLoss < e40.testLoss ? e20 : e40;
  const state = mm.decodeTrainState(r.checkpoints.at(-1)!.trainState, "state");
  assert.equal(state.meta.bestStep, best.step);
  assert.equal(mm.modelWeightsOf(state)!.step, final.testLoss < best.testLoss ? 44 : best.step);
  assert.equal(mm.decodeModelFile(r.checkpoints.at(-1)!.modelFile, "model").step, mm.modelWeightsOf(state)!.step);
});

/** Resolves once cond() holds, checking between event-loop turns. */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 1));
}

test("pause holds the step count, stepOnce runs exactly one step, play and stop resume and end the run", async () => {
  const session = await mm.startSession(words, { ...TINY, maxSteps: 1000, evalEvery: 100000, numSamples: 0, workers: 1, yieldEveryMs: 0 });
  const steps: number[] = [];
  const done = session.start((e) => {
    if (e.kind !== "step") return;
    steps.push(e.step);
    if (e.step === 4) session.pause();
  });
  await until(() => steps.length === 5);
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 1));
  assert.equal(session.step, 5, "paused after step 4, and it holds");
  assert.ok(session.paused);
  session.stepOnce();
  session.stepOnce();
  await until(() => steps.length === 7);
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 1));
  assert.equal(session.step, 7, "two single steps, then it holds again");
  session.play();
  await until(() => steps.length > 10);
  session.stop();
  const stop = await done;
  await session.close();
  assert.equal(stop.reason, "stopped");
  assert.deepEqual(
    steps,
    Array.from({ length: stop.step }, (_, i) => i),
    "every step once, in order",
  );
});

test("checkpoint bytes are only handed out inside their event handler", async () => {
  let late: mm.CheckpointEvent | null = null;
  const session = await mm.startSession(words, { ...TINY, maxSteps: 3, workers: 1 });
  await session.start((e) => {
    if (e.kind === "checkpoint") late = e;
  });
  await session.close();
  assert.throws(() => late!.trainState(), /must be taken inside its event handler/);
});

test("evaluating draws nothing from training's random streams", async () => {
  const often = await runAll(await mm.startSession(words, { ...TINY, maxSteps: 25, evalEvery: 5, workers: 1 }));
  const never = await runAll(await mm.startSession(words, { ...TINY, maxSteps: 25, evalEvery: 1000, numSamples: 0, workers: 1 }));
  assert.deepEqual(often.losses, never.losses);
});

test("resuming refuses other words and changed settings unless allowed, and never a changed model", async () => {
  const r = await runAll(await mm.startSession(words, { ...TINY, maxSteps: 5, workers: 1 }));
  const state = r.checkpoints.at(-1)!.trainState;
  await assert.rejects(mm.resumeSession(words.slice(1), state), /not the words the run was trained on/);
  await assert.rejects(mm.resumeSession(words, state, { learningRate: 1e-3 }), /learningRate 0\.001 differs from the run's 0\.01 \(pass allowChanges: true/);
  await assert.rejects(mm.resumeSession(words, state, { nEmbd: 32, allowChanges: true }), /nEmbd 32 differs from the run's 16, and it fixes the model/);
  const changed = await mm.resumeSession(words, state, { learningRate: 1e-3, allowChanges: true, maxSteps: 6, workers: 1 });
  assert.equal(changed.runConfig.learningRate, 1e-3);
  await changed.close();
});

test("startSession refuses bad settings with one line naming them", async () => {
  await assert.rejects(mm.startSession(words, { batchSize: 0 }), /^Error: batchSize must be an integer from 1 to 65536, got 0$/);
  await assert.rejects(mm.startSession(words, { nEmbd: 30, nHead: 4 }), /nEmbd \(30\) must be divisible by nHead \(4\)/);
  await assert.rejects(mm.startSession(words, { evalEvery: 0 }), /evalEvery must be a positive integer/);
  await assert.rejects(mm.startSession(words, { temperature: 5e-324 }), /temperature must be a number ≥ 1e-6/);
  await assert.rejects(mm.startSession(words, { type: "cnn" as mm.ModelType }), /type must be one of/);
});
