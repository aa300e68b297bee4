import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as mm from "makemore";
import { runCli, repoPath, tempDir } from "./helpers/cli.js";

const names = repoPath("data/names.txt");
const runOf = (dir: string) => mm.decodeTrainState(readFileSync(join(dir, "train_state.safetensors")), "train_state").meta.run;

// a tiny model, and steps past the presets' warmup (a step-based cosine schedule needs them)
const TINY = ["--n-embd", "16", "--n-head", "2", "--max-steps", "201", "--eval-every", "1000", "--num-samples", "1", "-q"];
const GIVEN = new Set(["nEmbd", "nHead", "maxSteps"]);

for (const name of mm.PRESET_NAMES) {
  test(`--preset ${name} lands in the run over makemore's defaults, and a flag given beside it wins`, () => {
    const dir = tempDir();
    const r = runCli(["-i", names, "-o", dir, "--preset", name, ...TINY]);
    assert.equal(r.status, 0, r.stderr);
    const run = runOf(dir) as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(mm.PRESETS[name])) if (k in run && !GIVEN.has(k)) assert.equal(run[k], v, `${k} from the preset`);
    assert.equal(run.nEmbd, 16, "--n-embd over the preset");
    assert.equal(run.nHead, 2);
    // what the preset leaves alone stays makemore's
    for (const k of ["weightDecay", "seed", "type", "nLayer"] as const) if (!(k in mm.PRESETS[name])) assert.equal(run[k], mm.MAKEMORE_DEFAULTS[k]);
  });
}

test("without a preset a run is makemore's recipe: no schedule, dropout, clipping or EMA", () => {
  const dir = tempDir();
  const r = runCli(["-i", names, "-o", dir, ...TINY]);
  assert.equal(r.status, 0, r.stderr);
  const run = runOf(dir);
  assert.equal(run.lrSchedule, "constant");
  assert.equal(run.dropout, 0);
  assert.equal(run.gradClip, null);
  assert.equal(run.ema, null);
  assert.equal(run.learningRate, mm.MAKEMORE_DEFAULTS.learningRate);
});
