// The training Worker: it drives the library's TrainingSession (commands in, events out) and
// never trains by itself. Started again under the name DP_NAME-n, the same script is a
// data-parallel sub-worker: it runs the library's worker loop over the shared wasm memory.
import * as mm from "makemore";
import { DP_NAME, type Command, type RunInfo, type WorkerEvent } from "./protocol.js";
import { openSession } from "./open-session.js";
import { StepBuffer } from "./step-buffer.js";

const scope = self as unknown as {
  name: string;
  crossOriginIsolated: boolean;
  location: Location;
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
  close(): void;
};

const post = (e: WorkerEvent, transfer: Transferable[] = []) => scope.postMessage(e, transfer);

if (scope.name.startsWith(DP_NAME)) runAsSubWorker();
else runAsHost();

function runAsSubWorker(): void {
  scope.onmessage = (e: MessageEvent<mm.WorkerInit>) => {
    scope.onmessage = null;
    mm.runWorker(e.data, (message) => console.error(message));
    scope.close();
  };
  scope.postMessage("loaded"); // the host waits for this before it may block on a barrier
}

/**
 * Sub-workers start before the session, and the host waits until each has loaded: a worker
 * blocked in Atomics.wait cannot serve its nested workers' script loading, so one started
 * during the first step would never arrive at the barrier.
 */
async function startSubWorkers(n: number): Promise<Worker[]> {
  const workers = Array.from({ length: n }, (_, i) => new Worker(scope.location.href, { type: "module", name: `${DP_NAME}-${i + 1}` }));
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.onmessage = () => resolve();
          w.onerror = (e) => reject(new Error(`a data-parallel worker failed to start: ${e.message}`));
        }),
    ),
  );
  return workers;
}

function runAsHost(): void {
  const isolated = scope.crossOriginIsolated === true;
  const cores = navigator.hardwareConcurrency || 1;
  let session: mm.TrainingSession | null = null;
  let spare: Worker[] = [];
  const steps = new StepBuffer((batch) => post({ ev: "steps", batch }));

  const onEvent = (e: mm.SessionEvent) => {
    if (e.kind === "step") return steps.add(e);
    steps.flush();
    if (e.kind === "eval") post({ ev: "eval", e });
    else if (e.kind === "samples") post({ ev: "samples", e });
    else if (e.kind === "checkpoint") {
      const trainState = e.trainState();
      const modelFile = e.modelFile();
      post({ ev: "checkpoint", step: e.step, modelStep: e.modelStep, trainState, modelFile }, [trainState.buffer, modelFile.buffer]);
    }
  };

  async function start(c: Extract<Command, { cmd: "start" }>): Promise<void> {
    if (session) throw new Error("a run is already going: stop it first");
    // one thread where memory cannot be shared; the session also caps workers at the batch size
    const workers = isolated ? (c.options.workers ?? (c.options.type === "bigram" ? 1 : cores)) : 1;
    spare = workers > 1 ? await startSubWorkers(workers - 1) : [];
    mm.setThreadPlatform(
      workers > 1
        ? {
            cores: () => cores,
            spawn(init) {
              const w = spare.shift();
              if (!w) throw new Error("no data-parallel worker left to start");
              w.postMessage(init);
              return { terminate: async () => w.terminate() };
            },
          }
        : null,
    );
    // yield after every step, so a pause or a stop is taken before the next one
    const s = await openSession(c.words, { ...c.options, workers, yieldEveryMs: 0 }, c.resume);
    session = s;
    for (const w of spare.splice(0)) w.terminate(); // the batch was too small to use them all
    const info: RunInfo = {
      config: s.config, parameters: s.model.numParameters(), trainWords: s.data.train.length, testWords: s.data.test.length,
      workers: s.workers, fromStep: s.step,
    };
    post({ ev: "started", info });
    try {
      const stop = await s.start(onEvent);
      steps.flush();
      post({ ev: "stopped", e: stop });
    } finally {
      session = null;
      await s.close();
    }
  }

  function handle(c: Command): void | Promise<void> {
    switch (c.cmd) {
      case "start": return start(c);
      case "pause":
        if (!session) return;
        session.pause();
        steps.flush();
        return post({ ev: "paused", step: session.step });
      case "play":
        session?.play();
        return post({ ev: "playing" });
      case "step":
        return session?.stepOnce();
      case "stop":
        return session?.stop();
    }
  }

  scope.onmessage = (e: MessageEvent<Command>) => {
    Promise.resolve()
      .then(() => handle(e.data))
      .catch((err: unknown) => post({ ev: "error", message: err instanceof Error ? err.message : String(err) }));
  };
  post({ ev: "ready", isolated, backend: mm.backendName(), cores });
}
