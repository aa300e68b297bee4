import type { WorkerInit } from "./worker-loop.js";

/** A running data-parallel worker thread, as far as the main thread needs it. */
export interface WorkerThread {
  terminate(): unknown;
}

/** Starts one worker thread that calls runDataParallelWorker(init). */
export type ThreadStarter = (init: WorkerInit) => WorkerThread;

interface NodeProcess {
  versions?: { node?: string };
  getBuiltinModule?: (id: string) => unknown;
}

/** Node's built-in modules without a static `node:` import, so the browser entry still bundles. */
export function nodeBuiltin<T>(id: string): T | null {
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (!proc?.versions?.node || typeof proc.getBuiltinModule !== "function") return null;
  return proc.getBuiltinModule(id) as T;
}

/** Cores this process may use: Node's availableParallelism, or the browser's hardwareConcurrency. */
export function hardwareThreads(): number {
  const os = nodeBuiltin<{ availableParallelism(): number }>("node:os");
  if (os) return os.availableParallelism();
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
}

type NodeWorkerClass = new (url: URL, options: { workerData: unknown }) => WorkerThread & { unref(): void };

/** Node: worker_threads running worker-main.js. */
function nodeStarter(): ThreadStarter | null {
  const wt = nodeBuiltin<{ Worker: NodeWorkerClass }>("node:worker_threads");
  if (!wt) return null;
  return (init) => {
    const w = new wt.Worker(new URL("./worker-main.js", import.meta.url), { workerData: init });
    w.unref();
    return w;
  };
}

let registered: ThreadStarter | null = null;

/**
 * Where there are no worker_threads (a browser), the host says how to start a thread: a page's
 * training Worker starts Web Workers that call runDataParallelWorker with the init they are sent.
 * null goes back to the default (Node's worker_threads, or none).
 */
export function setThreadStarter(starter: ThreadStarter | null): void {
  registered = starter;
}

/** How to start worker threads here, or null: then training stays in this thread. */
export function threadStarter(): ThreadStarter | null {
  if (registered) return registered;
  return nodeStarter();
}

/** Threads can share one memory only where SharedArrayBuffer exists (a cross-origin-isolated page, Node). */
export const canShareMemory = (): boolean => typeof SharedArrayBuffer !== "undefined";
