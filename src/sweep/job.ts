// A queued run as BullMQ carries it: data only (flag names and values, the words' digest),
// checked field by field by the worker before anything is built from it; and what the worker
// returns. No field is ever evaluated, imported or used as a path.
import type { JobsOptions } from "bullmq";
import type { RunFlags } from "./grid.js";
import type { FlagValue } from "./grid-flags.js";
import { checkSweepName } from "./plan.js";
import { runOptionsOf } from "./run-config.js";
import type { SessionOptions } from "../train/session-types.js";
import type { RunResult } from "./results.js";

export const QUEUE_NAME = "makemore-sweep";

export interface SweepJobData {
  v: 1;
  sweep: string;
  run: string;
  config: RunFlags;
  words: { sha256: string; count: number };
}

/** The worker's answer: the run's numbers and its work dir's files (train_state stays in the store under state_key). */
export interface SweepJobResult extends Omit<RunResult, "run" | "config" | "finished"> {
  v: 1;
  state_key: string;
  /** model.safetensors (base64), config.json, metrics.jsonl, loss.svg */
  files: Record<string, string>;
}

/** What a job's progress holds while it trains. */
export interface SweepJobProgress {
  step: number;
  loss: number;
  worker: string;
  /** the step of the last checkpoint stored for a takeover (null before the first) */
  stored: number | null;
}

/** BullMQ forbids ':' in custom ids; '/' cannot occur in a sweep name, so the pair is unambiguous. */
export const jobIdOf = (sweep: string, run: string): string => `${sweep}/${run}`;

/** Three attempts (a job failing three times is failed, with its error); finished jobs kept a week for status and fetch. */
export const JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: "fixed", delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

const MAX_FLAGS = 64;
const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;

/** The job's data and the session options it asks for, or an error saying which field is wrong. */
export function parseJobData(data: unknown): { job: SweepJobData; options: SessionOptions } {
  const bad = (why: string): never => {
    throw new Error(`invalid job payload: ${why}`);
  };
  if (!isPlainObject(data)) return bad("not an object");
  if (data.v !== 1) bad(`unknown version ${JSON.stringify(data.v)} (this worker reads version 1)`);
  if (typeof data.sweep !== "string") bad("sweep must be a string");
  try {
    checkSweepName(data.sweep as string);
  } catch {
    bad(`sweep ${JSON.stringify(data.sweep)} is not a sweep name`);
  }
  if (typeof data.run !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$/.test(data.run)) bad("run must be a run id");
  const words = data.words;
  if (!isPlainObject(words) || typeof words.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(words.sha256)) bad("words.sha256 must be 64 hex digits");
  if (!Number.isSafeInteger((words as Record<string, unknown>).count)) bad("words.count must be an integer");
  const config = data.config;
  if (!isPlainObject(config)) return bad("config must be an object of flag: value");
  const entries = Object.entries(config);
  if (entries.length > MAX_FLAGS) bad(`config has ${entries.length} flags`);
  for (const [k, v] of entries)
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") bad(`config.${k} must be a number, a string or true/false`);
  let options: SessionOptions;
  try {
    options = runOptionsOf(config as Record<string, FlagValue>, "in the job's config");
  } catch (e) {
    return bad((e as Error).message);
  }
  return { job: data as unknown as SweepJobData, options };
}
