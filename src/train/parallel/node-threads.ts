import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import type { ThreadPlatform } from "./threads.js";

/** Node's worker_threads, each running node-worker-main.js over the shared block. */
export const nodeThreads: ThreadPlatform = {
  cores: () => Math.max(1, Math.min(availableParallelism(), 64)),
  spawn(init) {
    const w = new Worker(new URL("./node-worker-main.js", import.meta.url), { workerData: init });
    w.unref();
    return w;
  },
};
