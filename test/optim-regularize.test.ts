/**
 * LR schedules, gradient clipping and the weight EMA against torch 1.13
 * (test/fixtures/optim/optim.json, made by make_goldens.py there).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";
import { fixture } from "./helpers/fixtures.js";
import { assertClose } from "./helpers/close.js";

const G = fixture<any>("optim/optim.json");

for (const s of G.schedules) {
  test(`${s.kind} schedule (lr ${s.base_lr}, warmup ${s.warmup_steps}, total ${s.total_steps}, min ${s.min_lr}): PyTorch's lr at every step`, () => {
    const schedule =
      s.kind === "cosine"
        ? mm.cosineLR({ baseLr: s.base_lr, warmupSteps: s.warmup_steps, minLr: s.min_lr, totalSteps: s.total_steps })
        : mm.constantLR({ baseLr: s.base_lr, warmupSteps: s.warmup_steps });
    const ours = s.lrs.map((_: number, step: number) => schedule(step));
    // PyTorch's chainable schedulers update the lr recursively, so they drift from the closed form by ~1e-15
    assertClose(ours, s.lrs, `${s.kind} lrs`, 1e-13, 1e-13 * s.base_lr);
    if (s.kind === "cosine") {
      assertClose([ours[s.warmup_steps]], [s.base_lr], "the first step after warmup is at the base lr", 1e-15, 0);
      assert.equal(schedule(s.total_steps + 50), s.min_lr, "past the total, the lr stays at min-lr");
    }
  });
}

test("applying a schedule: AdamW reads opt.lr at each step, so a schedule set before step() is what the update uses", () => {
  const s = G.schedules[0];
  const schedule = mm.cosineLR({ baseLr: s.base_lr, warmupSteps: s.warmup_steps, minLr: s.min_lr, totalSteps: s.total_steps });
  const p = mm.zeros([1]).requiresGrad_(true);
  const opt = new mm.AdamW([p], { weightDecay: 0 });
  const moves: number[] = [];
  for (let step = 0; step < 3; step++) {
    p.grad = mm.ones([1]);
    opt.lr = schedule(step);
    const before = p.item();
    opt.step();
    moves.push(before - p.item());
  }
  // with a constant gradient Adam's step is lr · (1 - ε-ish): the moves follow the schedule
  assertClose(moves, s.lrs.slice(0, 3), "AdamW step sizes", 1e-4, 0);
});

test("the time-based cosine is the step cosine with progress elapsed / maxTime", () => {
  const s = G.schedules.find((k: any) => k.kind === "cosine" && k.warmup_steps === 0);
  const timed = mm.cosineLRByTime({ baseLr: s.base_lr, minLr: s.min_lr, maxTime: 300 });
  const ours = s.lrs.map((_: number, step: number) => timed(step, (300 * step) / s.total_steps));
  assertClose(ours, s.lrs, "timed cosine", 1e-13, 1e-13 * s.base_lr);
  assert.equal(timed(10 ** 6, 10 ** 6), s.min_lr);
  const warm = mm.cosineLRByTime({ baseLr: 1e-3, warmupSteps: 4, maxTime: 60 });
  assert.equal(warm(0, 30), mm.cosineLR({ baseLr: 1e-3, warmupSteps: 4, totalSteps: 10 })(0), "warmup counts steps, not seconds");
  assert.equal(warm(4, 30), 5e-4, "then the cosine at elapsed / maxTime");
});

test("schedules reject bad options, naming them", () => {
  assert.throws(() => mm.cosineLR({ baseLr: 1e-3, warmupSteps: -1, totalSteps: 10 }), /^RangeError: warmup-steps must be a non-negative integer, got -1$/);
  assert.throws(() => mm.cosineLR({ baseLr: 1e-3, warmupSteps: 10, totalSteps: 10 }), /max-steps must be an integer above warmup-steps \(10\)/);
  assert.throws(() => mm.cosineLR({ baseLr: 1e-3, minLr: 1e-2, totalSteps: 10 }), /min-lr must be in \[0, lr\] \(lr = 0.001\), got 0.01/);
  assert.throws(() => mm.constantLR({ baseLr: 0 }), /lr must be a positive number, got 0/);
  assert.throws(() => mm.cosineLRByTime({ baseLr: 1e-3, maxTime: -5 }), /max-time must be a positive number, got -5/);
  assert.throws(() => mm.constantLR({ baseLr: 1e-3 })(-1), /step must be a non-negative integer, got -1/);
});

function clipParams(c: any): mm.Tensor[] {
  return c.shapes.map((shape: number[], i: number) => {
    const p = mm.zeros(shape).requiresGrad_(true);
    if (c.grads[i]) p.grad = mm.tensor(c.grads[i]).reshape(shape);
    return p;
  });
}

for (const [i, c] of G.clip.entries()) {
  test(`clipGradNorm_ case ${i} (max_norm ${c.max_norm}, norm ${c.norm_type}): torch's total norm and clipped grads, bit for bit`, () => {
    const params = clipParams(c);
    const withGrad = params.filter((p) => p.grad);
    if (c.norm_type === 2)
      assert.deepEqual(
        withGrad.map((p) => mm.torchNorm2F32(p.grad!.f32())),
        c.param_norms,
        "per-parameter torch.norm",
      );
    const total = mm.clipGradNorm_(params, c.max_norm, { normType: c.norm_type === "inf" ? Infinity : 2 });
    assert.equal(total, c.total_norm);
    params.forEach((p, k) => assert.deepEqual(p.grad ? Array.from(p.grad.f32()) : null, c.clipped[k], `grad ${k}`));
  });
}

test("the data-parallel split (Σg² per shard → sum → norm → coefficient → scale) clips as clipGradNorm_ does, to torch's float32 rounding", () => {
  for (const c of G.clip.filter((k: any) => k.norm_type === 2)) {
    const params = clipParams(c).filter((p) => p.grad);
    const flat = Float32Array.from(params.flatMap((p) => Array.from(p.grad!.f32())));
    const shards = [flat.subarray(0, 700), flat.subarray(700, 701), flat.subarray(701)]; // spans cut across parameters
    const sum = shards.map((s) => mm.gradSquaredSum([s])).reduce((a, b) => a + b);
    const norm = mm.normFromSquaredSum(sum);
    // torch accumulates in float32 (a few ulp off the exact norm); the split form is within an ulp of exact
    assertClose([norm], [c.total_norm], "total norm", 1e-6, 0);
    assert.equal(mm.normFromSquaredSum(mm.gradSquaredSum([flat])), norm, "one worker and three agree");
    const coef = mm.clipCoefficient(norm, c.max_norm);
    for (const s of shards) mm.scaleGrads_([s], coef);
    assertClose(flat, c.clipped.filter(Boolean).flat(), "clipped grads", 1e-6, 0);
  }
});

test("clipGradNormSharded_: two workers, each with its spans and a summing collective, clip like one worker", () => {
  const c = G.clip[0];
  const flat = Float32Array.from(c.grads.flat());
  const alone = flat.slice();
  const norm = mm.clipGradNormSharded_([alone], c.max_norm);
  const spans = [[flat.subarray(0, 500)], [flat.subarray(500)]];
  const partial = spans.map((s) => mm.gradSquaredSum(s)); // what each worker contributes to the all-reduce
  const norms = spans.map((s, rank) =>
    mm.clipGradNormSharded_(s, c.max_norm, (v) => {
      assert.equal(v[0], partial[rank]);
      v[0] = partial[0] + partial[1];
    }),
  );
  assert.deepEqual(norms, [norm, norm]);
  assert.deepEqual(flat, alone);
  assertClose([norm], [c.total_norm], "total norm", 1e-6, 0);
});

test("clipping edge cases: no grads, non-finite norms, bad options", () => {
  assert.equal(mm.clipGradNorm_([mm.zeros([3]).requiresGrad_(true)], 1), 0);
  const p = mm.zeros([2]).requiresGrad_(true);
  p.grad = mm.tensor([Infinity, 1]);
  assert.equal(mm.clipGradNorm_([p], 1), Infinity);
  assert.deepEqual(Array.from(p.grad.f32()), [NaN, 0], "torch: inf · 0 = nan, 1 · 0 = 0");
  p.grad = mm.tensor([NaN, 1]);
  assert.throws(() => mm.clipGradNorm_([p], 1, { errorIfNonfinite: true }), /non-finite, so it cannot be clipped/);
  assert.throws(() => mm.clipGradNorm_([p], 0), /^RangeError: grad-clip \(max_norm\) must be a positive finite number, got 0$/);
  assert.throws(() => mm.clipCoefficient(1, -1), /got -1/);
  assert.throws(() => mm.clipGradNorm_([p], 1, { normType: 1 }), /normType must be 2 or Infinity, got 1/);
});

for (const run of G.ema) {
  test(`EMA (decay ${run.decay}) equals AveragedModel with an exponential avg_fn, bit for bit`, () => {
    const model = new mm.Sequential(new mm.Linear(4, 3), new mm.BatchNorm1d(3));
    const keys = model.stateTensors().map(([k]) => k);
    assert.deepEqual(keys, run.keys);
    const set = (values: Record<string, number[]>) => model.stateTensors().forEach(([k, t]) => t.f32().set(values[k]));
    set(run.trace[0].model);
    const ema = new mm.EMA(model, { decay: run.decay });
    for (const step of run.trace) {
      set(step.model); // the weights PyTorch's SGD step produced
      ema.update();
      const avg = new mm.Sequential(new mm.Linear(4, 3), new mm.BatchNorm1d(3));
      ema.copyTo(avg);
      for (const [k, t] of avg.stateTensors()) assert.deepEqual(Array.from(t.f32()), step.average[k], `${k} after update ${ema.numUpdates}`);
    }
  });
}

test("EMA.swap exchanges the live and averaged weights (twice restores); state round-trips; decay is checked", () => {
  const model = new mm.Linear(3, 2);
  const ema = new mm.EMA(model, { decay: 0.5 });
  const w0 = Array.from(model.weight.f32());
  ema.update();
  mm.noGrad(() => model.weight.add_(mm.ones([2, 3])));
  ema.update();
  const live = Array.from(model.weight.f32());
  ema.swap();
  assertClose(
    model.weight.f32(),
    w0.map((v) => v + 0.5),
    "averaged weights",
    1e-6,
    1e-6,
  );
  ema.swap();
  assert.deepEqual(Array.from(model.weight.f32()), live);
  const copy = new mm.EMA(model, { decay: 0.5 });
  copy.setState(ema.getState());
  copy.swap();
  assertClose(
    model.weight.f32(),
    w0.map((v) => v + 0.5),
    "restored average",
    1e-6,
    1e-6,
  );
  assert.throws(() => new mm.EMA(model, { decay: 1 }), /^RangeError: ema decay must be in \[0, 1\), got 1$/);
  assert.throws(() => new mm.EMA(model, { decay: 1.5 }), /ema decay must be in \[0, 1\), got 1.5/);
});
