// Entry point of a data-parallel worker thread in Node (threads.ts starts it).
import { workerData } from "node:worker_threads";
import { runDataParallelWorker, type WorkerInit } from "./worker-loop.js";

const init = workerData as WorkerInit;
try {
  runDataParallelWorker(init);
} catch (e) {
  process.stderr.write(`makemore: data-parallel worker ${init.rank} failed: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
