// The body of a data-parallel worker thread, whatever runs it (node-worker-main.ts in Node, a
// Web Worker in a page): builds the model over the shared weights, then runs its share of
// every step until told to exit.
import { withoutInit } from "../../nn/init.js";
import { withCollective } from "../../nn/collective.js";
import { createModel, type ModelConfig, type ModelType } from "../../models/index.js";
import { createBackend, useBackend, type BackendName } from "../../backend/index.js";
import { flatLayout, moveIntoRegion, bindGradients, shareSpans } from "./layout.js";
import { AdamW, type AdamWOptions } from "../../optim/adamw.js";
import { COMMAND_EXIT, CTRL, SETTING_LR, SharedViews, type SharedBlock } from "./shared.js";
import { shardForwardBackward, shardUpdate } from "./shard-step.js";
import type { MemoryPolicy } from "../../tensor/memory-policy.js";
import { defaultGenerator, type GeneratorState } from "../../random/generator.js";
import { SharedCollective } from "./collective.js";
import { spinBudgetMs, spinUntilChanged } from "./barrier.js";

export interface WorkerInit {
  block: SharedBlock;
  rank: number;
  type: ModelType;
  config: ModelConfig;
  batchSize: number;
  blockSize: number;
  adamw: Required<AdamWOptions>;
  gradClip: number | null;
  /** the main thread's default generator when training began (dropout draws from it) */
  generator: GeneratorState;
  backend: BackendName;
  /** the main thread's activation checkpointing and 16-bit storage */
  policy: MemoryPolicy;
}

function run(init: WorkerInit): void {
  useBackend(createBackend(init.backend, { memory: init.block.memory })); // compute exactly as the main thread
  defaultGenerator.setState(init.generator);
  const model = withoutInit(() => createModel(init.type, init.config));
  model.train();
  const layout = flatLayout(model);
  const v = new SharedViews(init.block);
  moveIntoRegion(model, layout, v.model, false);
  bindGradients(model, layout, v.gradsOf(init.rank));
  const spans = shareSpans(layout, v.workers)[init.rank];
  const collective = new SharedCollective(v, init.rank);
  // the same AdamW as the main thread's, over this worker's share of the flat regions
  const opt = new AdamW([], init.adamw);
  let seen = 0;
  for (;;) {
    // the next step usually follows within microseconds: spin a little before sleeping
    spinUntilChanged(v.control, CTRL.sequence, seen, spinBudgetMs(v.workers, v.cores));
    while (Atomics.load(v.control, CTRL.sequence) === seen) Atomics.wait(v.control, CTRL.sequence, seen, 50);
    seen = Atomics.load(v.control, CTRL.sequence);
    if (Atomics.load(v.control, CTRL.command) === COMMAND_EXIT) return;
    const count = Atomics.load(v.control, CTRL.globalCount);
    v.losses[init.rank] = withCollective(collective, () => shardForwardBackward(model, v, init.rank, init.batchSize, init.blockSize, count, init.policy));
    v.afterBackward.wait();
    opt.lr = v.stepSettings[SETTING_LR];
    shardUpdate(v, opt, spans, Atomics.load(v.control, CTRL.adamStep), init.gradClip, collective);
    v.afterUpdate.wait();
  }
}

/** Runs a worker until the main thread says exit; a failure wakes every barrier so no thread waits forever. */
export function runWorker(init: WorkerInit, reportError: (message: string) => void): void {
  try {
    run(init);
  } catch (e) {
    const v = new SharedViews(init.block);
    Atomics.store(v.control, CTRL.abort, 1);
    for (const at of [CTRL.barrierA, CTRL.barrierB, CTRL.barrierC, CTRL.barrierD]) Atomics.notify(v.control, at + 1);
    reportError(`makemore: data-parallel worker ${init.rank} failed: ${(e as Error).message}`);
  }
}
