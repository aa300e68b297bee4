import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";
import { fixture } from "./helpers/fixtures.js";

interface Case {
  name: string;
  options: { init_scale?: number; growth_factor?: number; backoff_factor?: number; growth_interval?: number };
  start: [number[], number[]];
  schedule: number[][];
  steps: { stepped: boolean; scale: number; growth_tracker: number; grads: number[]; params: number[] }[];
}

const cases = fixture<Case[]>("grad-scaler/grad_scaler.json");

for (const c of cases) {
  test(`GradScaler follows torch step for step: ${c.name}`, () => {
    const f32 = (v: number[]) => mm.tensor(v, { dtype: "float32" });
    const p1 = f32(c.start[0]).requiresGrad_();
    const p2 = f32(c.start[1]).view([2, 2]).contiguous().detach().requiresGrad_();
    const opt = new mm.SGD([p1, p2], 0.25);
    const o = c.options;
    const scaler = new mm.GradScaler({
      initScale: o.init_scale,
      growthFactor: o.growth_factor,
      backoffFactor: o.backoff_factor,
      growthInterval: o.growth_interval,
    });
    let skipped = 0;
    c.steps.forEach((want, i) => {
      const row = c.schedule[i];
      opt.zeroGrad();
      const loss = p1
        .mul(f32(row.slice(0, 3)))
        .sum()
        .add(p2.mul(f32(row.slice(3)).view([2, 2])).sum());
      scaler.scale(loss).backward();
      scaler.unscale_(opt);
      const grads = [...p1.grad!.tolist(), ...p2.grad!.view([4]).tolist()];
      const stepped = scaler.step(opt);
      scaler.update();
      if (!stepped) skipped++;
      const at = `step ${i}`;
      assert.equal(stepped, want.stepped, at);
      assert.equal(scaler.getScale(), want.scale, at);
      assert.equal(scaler.getGrowthTracker(), want.growth_tracker, at);
      assert.deepEqual(grads, want.grads, at);
      assert.deepEqual([...p1.tolist(), ...p2.view([4]).tolist()], want.params, at);
    });
    assert.equal(scaler.skippedSteps, skipped);
    assert.ok(c.steps.some((s) => !s.stepped) || c.name.includes("inf"), "the schedule has skipped steps");
  });
}

test("GradScaler has torch's defaults and guards the call order", () => {
  const s = new mm.GradScaler();
  assert.deepEqual(s.stateDict(), { scale: 65536, growth_factor: 2, backoff_factor: 0.5, growth_interval: 2000, _growth_tracker: 0, skipped_steps: 0 });
  const p = mm.tensor([1, 2], { dtype: "float32" }).requiresGrad_();
  const opt = new mm.SGD([p], 0.1);
  s.scale(p.sum()).backward();
  assert.deepEqual(p.grad!.tolist(), [65536, 65536]);
  s.unscale_(opt);
  assert.throws(() => s.unscale_(opt), /unscale_\(\) has already been called on this optimizer since the last update\(\)/);
  s.step(opt);
  assert.throws(() => s.step(opt), /step\(\) has already been called since the last update\(\)/);
  s.update();
  assert.throws(() => s.update(), /No inf checks were recorded prior to update/);
  const off = new mm.GradScaler({ enabled: false });
  assert.equal(off.scale(p.sum()).item(), Math.fround(Math.fround(1 - 0.1) + Math.fround(2 - 0.1)), "disabled: the loss as is");
  assert.throws(() => new mm.GradScaler({ backoffFactor: 2 }), /backoffFactor must be in \(0, 1\)/);
});

test("GradScaler's state round-trips", () => {
  const a = new mm.GradScaler({ growthInterval: 3 });
  a.updateScale(false);
  a.updateScale(true);
  a.updateScale(false);
  const b = new mm.GradScaler();
  b.loadStateDict(a.stateDict());
  assert.deepEqual(b.stateDict(), { scale: 32768, growth_factor: 2, backoff_factor: 0.5, growth_interval: 3, _growth_tracker: 1, skipped_steps: 1 });
});
