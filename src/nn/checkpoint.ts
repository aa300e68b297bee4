/**
 * Block boundaries for memory (tensor/memory-policy.ts): a model runs each of its blocks (a
 * Transformer Block, a WaveNet level, a recurrent sequence) through `runBlock`. Under the
 * default policy it is a plain call. Otherwise the block's forward takes its tensors from this
 * thread's BlockArena and the block becomes one autograd node over its input:
 * - checkpoint: the forward runs without recording, its tensors are dropped at once, and only the
 *   input is kept; backward runs the block again (dropout replaying its masks from the saved
 *   generator state, BatchNorm not updating its running stats twice) and backpropagates
 *   through it. Same kernels, same inputs, same order: the gradients are bit-identical.
 * - 16-bit storage: the forward records as usual, then every tensor it made is packed to 16
 *   bits and its float32 space dropped; backward unpacks them at the same addresses (the
 *   views the backward closures hold are valid again) and backpropagates through the block.
 * Either way backward's temporaries for the block live in the arena only while the block's
 * backward runs. A parameter's first gradient is moved out of the arena before it is dropped.
 */
import { Tensor } from "../tensor/tensor.js";
import { enableGrad, isGradEnabled, noGrad, record } from "../tensor/autograd.js";
import { backward as runBackward } from "../tensor/backward.js";
import { allocStorage, withAllocator } from "../tensor/storage.js";
import type { Storage } from "../tensor/dtype.js";
import type { HalfKind } from "../tensor/half.js";
import { kernels } from "../backend/index.js";
import { memoryPolicy, whileRecomputing } from "../tensor/memory-policy.js";
import { type ArenaMark, type BlockArena, blockArena } from "../backend/block-arena.js";
import type { Module } from "./module.js";
import { Dropout } from "./dropout.js";
import { currentDropoutShard, withDropoutShard } from "./dropout-shard.js";
import type { Generator } from "../random/generator.js";
import { defaultGenerator } from "../random/generator.js";

/** y = fn(x) for one block made of the modules `owner`, kept in memory as the active policy says. */
export function runBlock(owner: Module | readonly Module[], fn: (x: Tensor) => Tensor, x: Tensor, opts: { recompute?: boolean } = {}): Tensor {
  const policy = memoryPolicy();
  // recompute: false for a block that checkpoints inside itself (the recurrent nodes keep h and recompute their gates)
  const checkpoint = policy.checkpoint && opts.recompute !== false;
  if ((!checkpoint && policy.storage === "float32") || !x.requiresGrad || !isGradEnabled()) return fn(x);
  return checkpoint ? checkpointed(owner, fn, x, policy.storage) : packed(owner, fn, x, policy.storage as HalfKind);
}

function checkpointed(owner: Module | readonly Module[], fn: (x: Tensor) => Tensor, x: Tensor, storage: MemoryKind): Tensor {
  const arena = blockArena();
  const replay = randomnessOf(owner);
  const start = arena.mark();
  const y = withAllocator(arena, () => noGrad(() => fn(x)));
  const out = copyOut(y, storage);
  arena.rewind(start);
  const params = paramsOf(owner);
  return record(out, "CheckpointBackward", [x, ...params], (gOut) => {
    const mark = arena.mark();
    const xIn = x.detach().requiresGrad_();
    const yIn = replay(() => whileRecomputing(() => withAllocator(arena, () => enableGrad(() => fn(xIn)))));
    return backwardThrough(arena, mark, params, yIn, gOut, xIn, storage);
  });
}

function packed(owner: Module | readonly Module[], fn: (x: Tensor) => Tensor, x: Tensor, kind: HalfKind): Tensor {
  const arena = blockArena();
  const start = arena.mark();
  const xIn = x.detach().requiresGrad_();
  const yIn = withAllocator(arena, () => fn(xIn));
  const out = copyOut(yIn, kind);
  const top = arena.mark();
  const views = arena.loggedSince(start);
  const saved = views.map((v) => pack(v, kind)); // in the caller's allocator (the step's arena)
  arena.rewind(start);
  const params = paramsOf(owner);
  return record(out, "PackedBlockBackward", [x, ...params], (gOut) => {
    arena.advanceTo(top);
    views.forEach((v, i) => unpack(saved[i], v, kind));
    return backwardThrough(arena, start, params, yIn, gOut, xIn, kind);
  });
}

type MemoryKind = "float32" | HalfKind;

const modulesOf = (owner: Module | readonly Module[]): Module[] => (Array.isArray(owner) ? owner : [owner]).flatMap((m: Module) => m.modules());
const paramsOf = (owner: Module | readonly Module[]): Tensor[] => [...new Set((Array.isArray(owner) ? owner : [owner]).flatMap((m: Module) => m.parameters()))];

/** Backpropagates gOut from the block's own output to its own input, in the arena; hands back dx outside it. */
function backwardThrough(
  arena: BlockArena,
  start: ArenaMark,
  params: Tensor[],
  yIn: Tensor,
  gOut: Tensor,
  xIn: Tensor,
  storage: MemoryKind,
): (Tensor | null)[] {
  const hadGrad = params.map((p) => p.grad !== null);
  withAllocator(arena, () => runBackward(yIn, gOut));
  // a parameter's first gradient was made in the arena: give it storage of its own
  params.forEach((p, i) => {
    if (!hadGrad[i] && p.grad) p.grad = copyOut(p.grad, "float32");
  });
  const dx = xIn.grad ? copyOut(xIn.grad, storage) : null;
  arena.rewind(start);
  return [dx, ...params.map(() => null)];
}

/** A block's output (or its input's gradient) copied out of the arena, rounded to 16-bit values under 16-bit storage. */
function copyOut(t: Tensor, storage: MemoryKind): Tensor {
  const src = t.contiguous().f32();
  const out = Tensor.empty(t.shape);
  const dst = out.f32();
  dst.set(src);
  if (storage !== "float32") roundThroughHalf(dst, storage);
  return out;
}

let roundingWords = new Int32Array(0);

/**
 * Rounds values to their nearest 16-bit value in place (what storing and reloading them does),
 * through words on the JS heap: the step's arena would hold them until the step ends.
 */
function roundThroughHalf(a: Float32Array, kind: HalfKind): void {
  const words = Math.ceil(a.length / 2);
  if (roundingWords.length < words) roundingWords = new Int32Array(words);
  kernels.packHalf(roundingWords, a, a.length, kind === "bfloat16");
  kernels.unpackHalf(a, roundingWords, a.length, kind === "bfloat16");
}

/** n float32 values as 16-bit patterns, two to a word. */
class PackedHalves {
  constructor(
    readonly words: Int32Array,
    readonly n: number,
  ) {}
}

function packHalves(v: Float32Array, kind: HalfKind): PackedHalves {
  const words = allocStorage("int32", Math.ceil(v.length / 2), true) as Int32Array;
  kernels.packHalf(words, v, v.length, kind === "bfloat16");
  return new PackedHalves(words, v.length);
}

function pack(v: Storage, kind: HalfKind): Storage | PackedHalves {
  if (v instanceof Float32Array) return packHalves(v, kind);
  const copy = allocStorage(v instanceof Float64Array ? "float64" : v instanceof Int32Array ? "int32" : "bool", v.length, true);
  copy.set(v as any);
  return copy;
}

function unpack(saved: Storage | PackedHalves, v: Storage, kind: HalfKind): void {
  if (saved instanceof PackedHalves) kernels.unpackHalf(v as Float32Array, saved.words, saved.n, kind === "bfloat16");
  else v.set(saved as any);
}

/**
 * Runs fn with the block's dropout generators (and data-parallel shard) as they were when the
 * block first ran, then puts the generators back where the step has them now.
 */
function randomnessOf(owner: Module | readonly Module[]): <T>(fn: () => T) => T {
  const gens = new Set<Generator>();
  for (const m of modulesOf(owner)) if (m instanceof Dropout && m.p > 0 && m.training) gens.add(m.generator ?? defaultGenerator);
  const shard = currentDropoutShard();
  if (gens.size === 0) return (fn) => fn();
  const saved = [...gens].map((g) => [g, g.getState()] as const);
  return (fn) => {
    const now = saved.map(([g]) => g.getState());
    saved.forEach(([g, s]) => g.setState(s));
    try {
      return withDropoutShard(shard, fn);
    } finally {
      saved.forEach(([g], i) => g.setState(now[i]));
    }
  };
}
