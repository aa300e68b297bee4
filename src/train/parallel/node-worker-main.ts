// Entry point of a data-parallel worker thread in Node.
import "../../backend/native/register.js"; // a native main thread's workers load the addon too
import { workerData } from "node:worker_threads";
import { runWorker, type WorkerInit } from "./worker-loop.js";

runWorker(workerData as WorkerInit, (message) => {
  process.stderr.write(message + "\n");
  process.exitCode = 1;
});
