import { Barrier } from "./barrier.js";
import type { FlatLayout } from "./layout.js";
import { activeBackend } from "../../backend/index.js";

/** Control words: the command channel, the barriers and the abort flag. */
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
  /** set by any worker whose gradients hold an inf or NaN this step (fp16 loss scaling) */
  foundInf: 14,
  words: 16,
} as const;

/** Float64 slots of per-step settings: the learning rate (a schedule may change it every step) and the loss scale. */
export const STEP_SETTINGS = 2;
export const SETTING_LR = 0;
export const SETTING_LOSS_SCALE = 1;

export const COMMAND_STEP = 1;
export const COMMAND_EXIT = 2;

/** Byte offsets (from the block's base) and sizes of every shared region of a training run. */
export interface BlockLayout {
  workers: number;
  /** cores of the process (threads spin at barriers only while each has one) */
  cores: number;
  modelSize: number; // floats in the parameter/buffer region (FlatLayout.size)
  batchInts: number; // B·T
  collectiveWidth: number;
  control: number;
  batch: number;
  losses: number;
  /** per-step settings every worker reads: [learning rate] */
  stepSettings: number;
  model: number;
  grads: number;
  expAvg: number;
  expAvgSq: number;
  collective: number;
  bytes: number;
}

/**
 * Where a run's shared state lives: in the wasm memory when the wasm kernels are active (so
 * they read weights and write gradients in place, in every thread), else in a SharedArrayBuffer.
 */
export interface SharedBlock {
  sab?: SharedArrayBuffer;
  memory?: WebAssembly.Memory;
  base: number;
  layout: BlockLayout;
}

/** Frees a block's wasm memory (nothing for a SharedArrayBuffer, which the collector takes). */
export type ReleaseBlock = () => void;

const up64 = (n: number) => Math.ceil(n / 64) * 64;

export function blockLayout(flat: FlatLayout, workers: number, batchSize: number, blockSize: number, collectiveWidth: number, cores: number): BlockLayout {
  let at = 0;
  const take = (bytes: number) => {
    const start = at;
    at += up64(bytes);
    return start;
  };
  const batchInts = batchSize * blockSize;
  const L = {
    workers,
    cores,
    modelSize: flat.size,
    batchInts,
    collectiveWidth: Math.max(1, collectiveWidth),
    control: take(4 * CTRL.words),
    batch: take(4 * 2 * batchInts),
    losses: take(8 * workers),
    stepSettings: take(8 * STEP_SETTINGS),
    model: take(4 * flat.size),
    grads: take(4 * flat.size * workers),
    expAvg: take(4 * flat.size),
    expAvgSq: take(4 * flat.size),
    collective: take(8 * workers * Math.max(1, collectiveWidth)),
    bytes: 0,
  };
  L.bytes = at;
  return L;
}

export function allocateBlock(layout: BlockLayout): { block: SharedBlock; release: ReleaseBlock } {
  const backend = activeBackend();
  if (backend.memory) {
    const region = backend.region();
    const view = region.alloc("float32", layout.bytes / 4);
    return { block: { memory: backend.memory, base: view.byteOffset, layout }, release: () => region.release() };
  }
  return { block: { sab: new SharedArrayBuffer(layout.bytes), base: 0, layout }, release: () => {} };
}

/** Typed views of the shared block, from one thread's point of view. */
export class SharedViews {
  readonly control: Int32Array;
  readonly batch: Int32Array;
  readonly losses: Float64Array;
  readonly stepSettings: Float64Array;
  readonly model: Float32Array;
  readonly grads: Float32Array;
  readonly expAvg: Float32Array;
  readonly expAvgSq: Float32Array;
  readonly collective: Float64Array;
  readonly afterBackward: Barrier;
  readonly afterUpdate: Barrier;
  readonly workers: number;
  readonly cores: number;
  readonly layoutSize: number;

  constructor(block: SharedBlock) {
    const L = block.layout;
    // views from the memory's current buffer: the wasm kernels recognise those as in-place
    const buf = block.sab ?? block.memory!.buffer;
    const at = (off: number) => block.base + off;
    this.workers = L.workers;
    this.cores = L.cores;
    this.layoutSize = L.modelSize;
    this.control = new Int32Array(buf, at(L.control), CTRL.words);
    this.batch = new Int32Array(buf, at(L.batch), 2 * L.batchInts);
    this.losses = new Float64Array(buf, at(L.losses), L.workers);
    this.stepSettings = new Float64Array(buf, at(L.stepSettings), STEP_SETTINGS);
    this.model = new Float32Array(buf, at(L.model), L.modelSize);
    this.grads = new Float32Array(buf, at(L.grads), L.modelSize * L.workers);
    this.expAvg = new Float32Array(buf, at(L.expAvg), L.modelSize);
    this.expAvgSq = new Float32Array(buf, at(L.expAvgSq), L.modelSize);
    this.collective = new Float64Array(buf, at(L.collective), L.workers * L.collectiveWidth);
    this.afterBackward = new Barrier(this.control, CTRL.barrierA, L.workers, CTRL.abort, L.cores);
    this.afterUpdate = new Barrier(this.control, CTRL.barrierB, L.workers, CTRL.abort, L.cores);
  }

  gradsOf(rank: number): Float32Array {
    return this.grads.subarray(rank * this.layoutSize, (rank + 1) * this.layoutSize);
  }
}
