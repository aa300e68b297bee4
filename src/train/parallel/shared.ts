import { Barrier } from "./barrier.js";
import type { FlatLayout } from "./layout.js";

/** Control words: the command channel, two barriers and the abort flag. */
export const CTRL = {
  command: 0, // 1 = step, 2 = exit
  sequence: 1, // bumped for every command
  adamStep: 2,
  abort: 3,
  barrierA: 4,
  barrierB: 6,
  globalCount: 8,
  barrierC: 10,
  barrierD: 12,
  words: 14,
} as const;

export const COMMAND_STEP = 1;
export const COMMAND_EXIT = 2;

/** The shared buffers of a data-parallel run; posted to every worker, viewed the same way by all. */
export interface SharedBuffers {
  control: SharedArrayBuffer;
  batch: SharedArrayBuffer; // int32: x (B·T) then y (B·T)
  losses: SharedArrayBuffer; // float64 per worker
  model: SharedArrayBuffer; // float32: parameters and buffers (layout.size)
  grads: SharedArrayBuffer; // float32: workers × layout.size
  expAvg: SharedArrayBuffer;
  expAvgSq: SharedArrayBuffer;
  collective: SharedArrayBuffer; // float64: workers × collectiveWidth
}

export function allocateShared(layout: FlatLayout, workers: number, batchSize: number, blockSize: number, collectiveWidth: number): SharedBuffers {
  const f32 = (n: number) => new SharedArrayBuffer(4 * n);
  return {
    control: new SharedArrayBuffer(4 * CTRL.words),
    batch: new SharedArrayBuffer(4 * 2 * batchSize * blockSize),
    losses: new SharedArrayBuffer(8 * workers),
    model: f32(layout.size),
    grads: f32(layout.size * workers),
    expAvg: f32(layout.size),
    expAvgSq: f32(layout.size),
    collective: new SharedArrayBuffer(8 * workers * Math.max(1, collectiveWidth)),
  };
}

/** Typed views of the shared buffers, from one thread's point of view. */
export class SharedViews {
  readonly control: Int32Array;
  readonly batch: Int32Array;
  readonly losses: Float64Array;
  readonly model: Float32Array;
  readonly grads: Float32Array;
  readonly expAvg: Float32Array;
  readonly expAvgSq: Float32Array;
  readonly afterBackward: Barrier;
  readonly afterUpdate: Barrier;

  constructor(b: SharedBuffers, readonly workers: number, readonly layoutSize: number) {
    this.control = new Int32Array(b.control);
    this.batch = new Int32Array(b.batch);
    this.losses = new Float64Array(b.losses);
    this.model = new Float32Array(b.model);
    this.grads = new Float32Array(b.grads);
    this.expAvg = new Float32Array(b.expAvg);
    this.expAvgSq = new Float32Array(b.expAvgSq);
    this.afterBackward = new Barrier(this.control, CTRL.barrierA, workers, CTRL.abort);
    this.afterUpdate = new Barrier(this.control, CTRL.barrierB, workers, CTRL.abort);
  }

  gradsOf(rank: number): Float32Array {
    return this.grads.subarray(rank * this.layoutSize, (rank + 1) * this.layoutSize);
  }
}
