// bench:web's page: trains in the playground's own Worker (the same session, the same threads)
// and publishes every step's time as window.benchResult for the driver (bench/web.ts).
import { bundledNames } from "../data/words.js";
import type { Command, WorkerEvent } from "../worker/protocol.js";

const q = new URLSearchParams(location.search);
const steps = Number(q.get("steps") ?? 250);
const workers = Number(q.get("workers") ?? 2);
const out = document.getElementById("out")!;
const worker = new Worker(new URL("../worker/train-worker.ts", import.meta.url), { type: "module", name: "makemore-training" });
const ms: number[] = [];
let backend = "";
worker.onmessage = (e: MessageEvent<WorkerEvent>) => {
  const m = e.data;
  if (m.ev === "ready") {
    backend = m.backend;
    const start: Command = { cmd: "start", words: bundledNames().words, options: { maxSteps: steps, evalEvery: 1e9, numSamples: 1, workers } };
    worker.postMessage(start);
  } else if (m.ev === "steps") ms.push(...m.batch.stepMs);
  else if (m.ev === "stopped") {
    const result = { ms, backend, isolated: crossOriginIsolated, workers };
    (window as unknown as { benchResult: unknown }).benchResult = result;
    out.textContent = JSON.stringify(result);
  } else if (m.ev === "error") {
    (window as unknown as { benchResult: unknown }).benchResult = { error: m.message };
    out.textContent = m.message;
  }
};
