import type { Backend } from "../backend.js";
import type { KernelExports } from "./exports.js";
import { LinearMemory } from "./memory.js";
import { WasmBumpAllocator } from "./allocators.js";
import { createWasmKernels } from "./kernels.js";
import { moduleBytes, supportedBuilds, type WasmBuild } from "./features.js";

export type { WasmBuild } from "./features.js";

/** Bytes below this address belong to the module's static area (asm heapBase() is ~1 KiB). */
const STATIC_AREA = 4096;

/**
 * The wasm kernels as a backend (`useBackend(wasm)`), plus what benchmarks, tests and worker
 * threads need to reach below it.
 */
export interface WasmBackend extends Backend {
  /** "wasm-relaxed" (relaxed-SIMD FMA build) or "wasm-simd" (plain SIMD build). */
  readonly name: "wasm-relaxed" | "wasm-simd";
  readonly build: WasmBuild;
  /** The process's one wasm memory (shared by every build, and by worker threads that attach to it). */
  readonly memory: WebAssembly.Memory;
  /** Whether `memory` is shared (then growth never invalidates views into it). */
  readonly shared: boolean;
  /** The compiled module, for instantiating it on the same memory in a worker. */
  readonly module: WebAssembly.Module;
  /** The raw pointer-level exports (benchmarks, tile tuning). */
  readonly exports: KernelExports;
  /** The arena `scratch()` uses under this backend. Views it handed out are invalid after reset(). */
  readonly scratch: WasmBumpAllocator;
  /** Parameters, grads and optimizer state, for the life of the process. */
  readonly persistent: WasmBumpAllocator;
  /** A new allocator for tensors that die with their owner; `release()` frees them all. */
  region(): WasmBumpAllocator;
  /**
   * A new arena of its own (benchmarks, tests): a bump allocator for one step's tensors. Pass it
   * to `withAllocator`; call `reset()` when the step is over. Views it handed out are invalid
   * after reset() (their memory is handed out again).
   */
  arena(options?: { chunkBytes?: number }): WasmBumpAllocator;
  /** Whether a typed array is a view into the wasm memory (kernels then use it in place). */
  owns(a: ArrayBufferView): boolean;
}

export interface WasmLoadOptions {
  /** Force a build (the loaders return null if the engine cannot run it). */
  build?: WasmBuild;
  /**
   * Run on this memory instead of the process's own: a worker thread passes the `memory` of
   * the main thread's backend (posted to it) to share tensors with it zero-copy.
   */
  memory?: WebAssembly.Memory;
  /**
   * Initial size of the process memory, if this call creates it (default 16 MiB; it grows as
   * needed). Where the memory cannot be shared (a page that is not cross-origin isolated),
   * growth detaches every view into it, so size it for the whole run up front there.
   */
  initialBytes?: number;
}

let support: WasmBuild[] | null = null;
let ownMemory: LinearMemory | null = null;
const attached = new Map<WebAssembly.Memory, LinearMemory>();
const loaded = new Map<LinearMemory, Map<WasmBuild, WasmBackend>>();

/** This thread's handle on the memory to use: its own, created once, or an attached one. */
function memoryFor(options: WasmLoadOptions): LinearMemory {
  if (options.memory) {
    let m = attached.get(options.memory);
    if (!m) {
      m = ownMemory?.memory === options.memory ? ownMemory : new LinearMemory(STATIC_AREA, { attach: options.memory });
      attached.set(options.memory, m);
    }
    return m;
  }
  ownMemory ??= new LinearMemory(STATIC_AREA, { initialBytes: options.initialBytes });
  return ownMemory;
}

function cached(mem: LinearMemory, build: WasmBuild): WasmBackend | undefined {
  return loaded.get(mem)?.get(build);
}

function pickBuild(requested: WasmBuild | undefined): WasmBuild | null {
  support ??= supportedBuilds();
  if (requested) return support.includes(requested) ? requested : null;
  return support[0] ?? null;
}

function instantiate(build: WasmBuild, module: WebAssembly.Module, mem: LinearMemory): WasmBackend {
  const prior = cached(mem, build);
  if (prior) return prior; // an async load raced a sync one
  const instance = new WebAssembly.Instance(module, { env: { memory: mem.memory } });
  const X = instance.exports as unknown as KernelExports;
  if (X.heapBase() > STATIC_AREA) throw new Error(`wasm: module static area ${X.heapBase()} exceeds ${STATIC_AREA} bytes`);
  X.setWorkspace(mem.reserve(X.workspaceBytes(), false));
  const backend: WasmBackend = {
    name: build === "relaxed" ? "wasm-relaxed" : "wasm-simd",
    build,
    kernels: createWasmKernels(X, mem),
    memory: mem.memory,
    shared: mem.shared,
    module,
    exports: X,
    scratch: new WasmBumpAllocator(mem),
    persistent: new WasmBumpAllocator(mem),
    // a KV cache is small: 1 MiB chunks instead of 4 MiB
    region: () => new WasmBumpAllocator(mem, { chunkBytes: 1 << 20 }),
    arena: (options) => new WasmBumpAllocator(mem, options),
    owns: (a) => mem.owns(a),
  };
  if (!loaded.has(mem)) loaded.set(mem, new Map());
  loaded.get(mem)!.set(build, backend);
  return backend;
}

/** The engine refused the module (no wasm memory of that kind, say): not an error, just no wasm. */
function unavailable(e: unknown): null {
  if (e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError || e instanceof RangeError) return null;
  throw e;
}

/**
 * Loads the wasm kernels synchronously (Node, workers, and browsers for this small module):
 * the relaxed-SIMD build where the engine validates it, else the plain SIMD build, else null
 * (then keep the JS kernels). `build` forces one build (null if unsupported). Repeated calls
 * return the same backend; all builds share the one process-wide memory (or `memory`, see
 * WasmLoadOptions: in a worker, pass the main thread's `backend.memory`).
 */
export function loadWasmBackend(options: WasmLoadOptions = {}): WasmBackend | null {
  const build = pickBuild(options.build);
  if (!build) return null;
  try {
    const mem = memoryFor(options);
    const done = cached(mem, build);
    if (done) return done;
    return instantiate(build, new WebAssembly.Module(moduleBytes(build, mem.shared) as BufferSource), mem);
  } catch (e) {
    return unavailable(e);
  }
}

/** The asynchronous twin of loadWasmBackend (compiles off the main thread in browsers). */
export async function initWasmBackend(options: WasmLoadOptions = {}): Promise<WasmBackend | null> {
  const build = pickBuild(options.build);
  if (!build) return null;
  try {
    const mem = memoryFor(options);
    const done = cached(mem, build);
    if (done) return done;
    const module = await WebAssembly.compile(moduleBytes(build, mem.shared) as BufferSource);
    return instantiate(build, module, mem);
  } catch (e) {
    return unavailable(e);
  }
}

/** Builds the running engine supports, best first (empty: no wasm SIMD, use the JS kernels). */
export function wasmBuildsSupported(): readonly WasmBuild[] {
  support ??= supportedBuilds();
  return support;
}
