// Starts one run's training in a child process (run-child.ts) and follows it to its result.
import { fork } from "node:child_process";
import type { ChildCheckpoint, ChildDone, ChildMessage, ChildProgress, ChildStart, ChildStopped, ParentMessage } from "./child-protocol.js";

export interface ChildHandlers {
  onProgress?(p: ChildProgress): void;
  /** awaited in order; the run's result waits for the last one */
  onCheckpoint?(c: ChildCheckpoint): Promise<void> | void;
}

export interface RunningChild {
  readonly pid: number | undefined;
  /** the run's result (or where it stopped), after every checkpoint handler has finished */
  readonly result: Promise<ChildDone | ChildStopped>;
  /** ends the run after its current step, with a final evaluation and checkpoint */
  stop(): void;
  kill(): void;
}

const STDERR_KEPT = 2000;

export function startChild(start: Omit<ChildStart, "kind">, handlers: ChildHandlers = {}): RunningChild {
  const child = fork(new URL("./run-child.js", import.meta.url), [], {
    serialization: "advanced",
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    execArgv: [],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr = (stderr + d).slice(-STDERR_KEPT)));
  let chain: Promise<void> = Promise.resolve();
  let outcome: { done: ChildDone | ChildStopped } | { error: string } | null = null;
  let handlerError: Error | null = null;
  child.on("message", (m: ChildMessage) => {
    if (m.kind === "progress") handlers.onProgress?.(m);
    else if (m.kind === "checkpoint") {
      const c = { ...m, trainState: new Uint8Array(m.trainState) };
      chain = chain.then(() => handlers.onCheckpoint?.(c));
      chain.catch((e) => {
        // a checkpoint that cannot be stored fails the run now rather than at its end
        handlerError ??= e;
        child.kill("SIGKILL");
      });
    } else if (m.kind === "done" || m.kind === "stopped") outcome = { done: m };
    else if (m.kind === "error") outcome = { error: m.message };
  });
  const send = (m: ParentMessage) => {
    if (child.connected) child.send(m);
  };
  const result = new Promise<ChildDone | ChildStopped>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const o = outcome as { done: ChildDone | ChildStopped } | { error: string } | null;
      if (handlerError) reject(handlerError);
      else if (o && "done" in o) chain.then(() => resolve(o.done), reject);
      else if (o) reject(new Error(o.error));
      else {
        const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const tail = stderr.trim().split("\n").filter(Boolean).at(-1);
        reject(new Error(`the training process ${why}${tail ? `: ${tail}` : ""}`));
      }
    });
  });
  send({ kind: "start", ...start });
  return {
    pid: child.pid,
    result,
    stop: () => send({ kind: "stop" }),
    kill: () => void child.kill("SIGKILL"),
  };
}
