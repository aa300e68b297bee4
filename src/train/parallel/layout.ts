import { Tensor, rebindStorage } from "../../tensor/tensor.js";
import { persistentAllocator } from "../../backend/scratch.js";
import type { Module } from "../../nn/module.js";

/** Where each parameter and buffer lives in one flat float32 region, in state-dict order. */
export interface FlatLayout {
  entries: { name: string; offset: number; numel: number; kind: "parameter" | "buffer" }[];
  /** floats in the region (offsets are 16-byte aligned) */
  size: number;
  /** the parameter spans [start, end), in order: what gradients, AdamW and its moments cover */
  paramSpans: [number, number][];
  paramCount: number;
}

const align4 = (n: number) => (n + 3) & ~3;

export function flatLayout(model: Module): FlatLayout {
  let offset = 0;
  const entries: FlatLayout["entries"] = [];
  const paramSpans: [number, number][] = [];
  let paramCount = 0;
  for (const [name, t, kind] of model.stateTensors()) {
    if (t.dtype !== "float32") throw new Error(`flatLayout: ${name} is ${t.dtype}; only float32 state can be flattened`);
    const numel = t.numel();
    entries.push({ name, offset, numel, kind });
    if (kind === "parameter") {
      paramSpans.push([offset, offset + numel]);
      paramCount += numel;
    }
    offset = align4(offset + numel);
  }
  return { entries, size: offset, paramSpans, paramCount };
}

/**
 * Moves every parameter and buffer of `model` into `region` at its layout offset (copying the
 * current values when `copy`), so that the model and anything sharing the region see one set
 * of weights.
 */
export function moveIntoRegion(model: Module, layout: FlatLayout, region: Float32Array, copy: boolean): void {
  const tensors = model.stateTensors();
  if (tensors.length !== layout.entries.length) throw new Error("moveIntoRegion: the model does not match the layout");
  tensors.forEach(([name, t], i) => {
    const e = layout.entries[i];
    if (e.name !== name || e.numel !== t.numel()) throw new Error(`moveIntoRegion: ${name} does not match the layout entry ${e.name}`);
    const view = region.subarray(e.offset, e.offset + e.numel);
    if (copy) view.set(t.f32());
    rebindStorage(t, view);
  });
}

/**
 * The reverse of moveIntoRegion, before the region is freed: every parameter and buffer gets
 * storage of its own (long-lived memory) with its current values, and gradients are dropped.
 */
export function moveOutOfRegion(model: Module): void {
  for (const [, t, kind] of model.stateTensors()) {
    const own = persistentAllocator().alloc("float32", t.numel(), true);
    own.set(t.f32());
    rebindStorage(t, own);
    if (kind === "parameter") t.grad = null;
  }
}

/** Gives every parameter a persistent gradient that is a view into `grads` (laid out like the region). */
export function bindGradients(model: Module, layout: FlatLayout, grads: Float32Array): void {
  const tensors = model.stateTensors();
  tensors.forEach(([, t, kind], i) => {
    if (kind !== "parameter") return;
    const e = layout.entries[i];
    t.grad = new Tensor(grads.subarray(e.offset, e.offset + e.numel), t.shape);
  });
}

/**
 * Splits the parameter elements into `parts` near-equal shares (ZeRO-1: each worker reduces
 * and updates only its share); returns, per part, the [start, end) spans it covers.
 */
export function shareSpans(layout: FlatLayout, parts: number): [number, number][][] {
  const out: [number, number][][] = Array.from({ length: parts }, () => []);
  const per = Math.ceil(layout.paramCount / parts);
  let seen = 0;
  for (const [s, e] of layout.paramSpans) {
    let a = s;
    while (a < e) {
      const part = Math.min(parts - 1, Math.floor(seen / per));
      const take = Math.min(e - a, (part + 1) * per - seen);
      out[part].push([a, a + take]);
      a += take;
      seen += take;
    }
  }
  return out;
}
