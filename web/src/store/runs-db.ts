import type { EvalEvent, SamplesEvent } from "makemore";
import type { Settings } from "../settings/flags.js";
import type { RunInfo } from "../worker/protocol.js";

/** A run kept in IndexedDB: enough to show it, sample from it and continue training it. */
export interface KeptRun {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  settings: Settings;
  /** the words file: its name and text (a continued run trains on the same words) */
  source: string;
  text: string;
  info: RunInfo | null;
  evals: EvalEvent[];
  samples: SamplesEvent | null;
  /** the step-loss curve, thinned to at most CURVE_POINTS points */
  curve: { steps: number[]; losses: number[] };
  stepsDone: number;
  status: string;
  /** self-describing .safetensors (config in its metadata) */
  bestModel: Uint8Array | null;
  modelStep: number | null;
  trainState: Uint8Array | null;
}

export const CURVE_POINTS = 4000;

const DB = "makemore-playground";
const STORE = "runs";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "id" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB is not available"));
  });
}

async function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const req = fn(t.objectStore(STORE));
      t.oncomplete = () => resolve(req.result);
      t.onerror = () => reject(t.error ?? new Error("IndexedDB transaction failed"));
      t.onabort = () => reject(t.error ?? new Error("IndexedDB transaction aborted (is the disk full?)"));
    });
  } finally {
    db.close();
  }
}

export const putRun = (run: KeptRun): Promise<IDBValidKey> => tx("readwrite", (s) => s.put(run));
export const getRun = (id: string): Promise<KeptRun | undefined> => tx("readonly", (s) => s.get(id) as IDBRequest<KeptRun | undefined>);
export const deleteRun = (id: string): Promise<undefined> => tx("readwrite", (s) => s.delete(id));

/** Every kept run, the most recently changed first. */
export async function listRuns(): Promise<KeptRun[]> {
  const all = await tx("readonly", (s) => s.getAll() as IDBRequest<KeptRun[]>);
  return all.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Keeps every k-th point so a long run's curve stays small (the newest point always stays). */
export function thin(steps: number[], losses: number[], max = CURVE_POINTS): { steps: number[]; losses: number[] } {
  if (steps.length <= max) return { steps: steps.slice(), losses: losses.slice() };
  const k = Math.ceil(steps.length / max);
  const s: number[] = [];
  const l: number[] = [];
  for (let i = 0; i < steps.length; i += k) {
    s.push(steps[i]);
    l.push(losses[i]);
  }
  if (s[s.length - 1] !== steps[steps.length - 1]) {
    s.push(steps[steps.length - 1]);
    l.push(losses[losses.length - 1]);
  }
  return { steps: s, losses: l };
}
