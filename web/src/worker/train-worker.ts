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
    scope.postMessage("joined");
    mm.runWorker(e.data, (message) => console.error(message));
    scope.close();
  };
  scope.postMessage("loaded"); // the host waits for this before it starts the session
}

/**
 * Chromium delivers a worker's messages to its nested workers only while the worker runs its
 * event loop, and a worker blocked in Atomics.wait at the first step's barrier does not. So
 * sub-workers start and load before the session, and the session's first step waits until each
 * has answered its init message (`joined`).
 */
class SubWorker {
  private answer: ((m: string) => void) | null = null;
  private failure: ((e: Error) => void) | null = null;
  constructor(readonly worker: Worker) {
    worker.onmessage = (e: MessageEvent<string>) => this.answer?.(e.data);
    worker.onerror = (e) => this.failure?.(new Error(`a data-parallel worker failed: ${e.message}`));
  }
  next(expected: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.answer = (m) => m === expected && resolve();
      this.failure = reject;
    });
  }
}

async function startSubWorkers(n: number): Promise<SubWorker[]> {
  const workers = Array.from({ length: n }, (_, i) => new SubWorker(new Worker(scope.location.href, { type: "module", name: `${DP_NAME}-${i + 1}` })));
  await Promise.all(workers.map((w) => w.next("loaded")));
  return workers;
}

function runAsHost(): void {
  const isolated = scope.crossOriginIsolated === true;
  const cores = navigator.hardwareConcurrency || 1;
  let session: mm.TrainingSession | null = null;
  let spare: SubWorker[] = [];
  const steps = new StepBuffer((batch) => post({ ev: "steps", batch }));

  const onEvent = (e: mm.SessionEvent) => {
    if (e.kind === "step") return steps.add(e);
    steps.flush();
    if (e.kind === "eval") {
      post({ ev: "eval", e });
      // the weights at this evaluation, read between steps: no random draw, nothing changed
      const projection = session && mm.modelEmbedding(session.model, session.data.vocab);
      if (projection) post({ ev: "embedding", step: e.step, projection });
    } else if (e.kind === "samples") post({ ev: "samples", e });
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
    const joined: Promise<void>[] = [];
    mm.setThreadPlatform(
      workers > 1
        ? {
            cores: () => cores,
            spawn(init) {
              const w = spare.shift();
              if (!w) throw new Error("no data-parallel worker left to start");
              joined.push(w.next("joined"));
              w.worker.postMessage(init);
              return { terminate: async () => w.worker.terminate() };
            },
          }
        : null,
    );
    // yield after every step, so a pause or a stop is taken before the next one
    const s = await openSession(c.words, { ...c.options, workers, yieldEveryMs: 0 }, c.resume);
    session = s;
    for (const w of spare.splice(0)) w.worker.terminate(); // the batch was too small to use them all
    await Promise.all(joined);
    const info: RunInfo = {
      config: s.config,
      parameters: s.model.numParameters(),
      trainWords: s.data.train.length,
      testWords: s.data.test.length,
      workers: s.workers,
      fromStep: s.step,
      parameterShapes: s.model.namedParameters().map(([name, p]) => [name, [...p.shape]]),
    };
    post({ ev: "started", info });
    if (c.paused) {
      // Step from an idle page: the run starts paused and takes exactly one step
      s.pause();
      s.stepOnce();
      post({ ev: "paused", step: s.step });
    }
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
      case "start":
        return start(c);
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
