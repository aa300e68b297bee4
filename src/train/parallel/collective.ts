import type { Collective } from "../../nn/collective.js";
import { BatchNorm1d } from "../../nn/batchnorm.js";
import type { Module } from "../../nn/module.js";
import { Barrier } from "./barrier.js";
import { CTRL, type SharedViews } from "./shared.js";

/** The widest vector any layer all-reduces: BatchNorm's Σx, Σx² and row count. */
export function collectiveWidth(model: Module): number {
  let w = 0;
  for (const m of model.modules()) if (m instanceof BatchNorm1d) w = Math.max(w, 2 * m.numFeatures + 1);
  return w;
}

/**
 * All-reduce through shared memory: every worker writes its vector into its own slot, waits,
 * then sums all slots in worker order (so every worker gets bit-identical sums), and waits
 * again before a slot may be overwritten.
 */
export class SharedCollective implements Collective {
  private readonly slots: Float64Array;
  private readonly written: Barrier;
  private readonly read: Barrier;
  private readonly width: number;

  constructor(
    v: SharedViews,
    readonly rank: number,
  ) {
    this.slots = v.collective;
    this.width = this.slots.length / v.workers;
    this.written = new Barrier(v.control, CTRL.barrierC, v.workers, CTRL.abort, v.cores);
    this.read = new Barrier(v.control, CTRL.barrierD, v.workers, CTRL.abort, v.cores);
    this.workers = v.workers;
  }

  readonly workers: number;

  allReduceSum(vec: Float64Array): void {
    const n = vec.length;
    if (n > this.width) throw new Error(`all-reduce of ${n} values exceeds the shared slot width ${this.width}`);
    this.slots.set(vec, this.rank * this.width);
    this.written.wait();
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let w = 0; w < this.workers; w++) s += this.slots[w * this.width + i];
      vec[i] = s;
    }
    this.read.wait();
  }
}
