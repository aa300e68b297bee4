import type { WorkerInit } from "./worker-loop.js";

/** A data-parallel worker thread, as the platform runs it (a Node worker_thread, a Web Worker). */
export interface WorkerThread {
  terminate(): Promise<unknown>;
}

/**
 * How this platform runs worker threads over shared memory. Node's entry installs one (Node's
 * worker_threads); a page installs one for Web Workers when it is cross-origin isolated. Without
 * one, training runs in the calling thread only.
 */
export interface ThreadPlatform {
  /** cores this process may use */
  cores(): number;
  /** starts a thread running runWorker(init) (worker-loop.ts) */
  spawn(init: WorkerInit): WorkerThread;
}

let platform: ThreadPlatform | null = null;

export function setThreadPlatform(p: ThreadPlatform | null): void {
  platform = p;
}

export const threadPlatform = (): ThreadPlatform | null => platform;
