// A sweep's plan: its runs, every one validated before any starts, and the sweep.json that
// records it in sweeps/NAME/ so that status, fetch and a re-run know what the sweep is.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import { wordsDigest } from "../data/digest.js";
import { expandGrid, type Axis, type RunFlags } from "./grid.js";
import { parseFlagValue } from "./grid-flags.js";
import { checkRunSize, runIdOf, runOptionsOf } from "./run-config.js";
import { dataShapeOf } from "./param-count.js";
import type { SessionOptions } from "../train/session-types.js";

export const MANIFEST_FILE = "sweep.json";
export const SWEEPS_DIR = "sweeps";

export interface PlannedRun {
  id: string;
  /** the run's flags: the grid's and the sweep's budget */
  config: RunFlags;
  options: SessionOptions;
}

export interface SweepPlan {
  name: string;
  dir: string;
  words: { count: number; sha256: string };
  runs: PlannedRun[];
}

export interface PlanRequest {
  name: string;
  axes: Axis[];
  /** --max-steps / --max-time given to the sweep itself, for every run */
  budget: { "max-steps"?: number; "max-time"?: number };
  words: readonly string[];
  maxParams?: number;
  /** where sweeps/ lives (default: the current directory) */
  root?: string;
}

/** A name that is safe as a directory and inside a BullMQ job id. */
export function checkSweepName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name))
    throw new Error(`--name must be letters, digits, '.', '_' or '-' (starting with a letter or digit), got ${JSON.stringify(name)}`);
  return name;
}

export const sweepDirOf = (name: string, root = "."): string => resolve(root, SWEEPS_DIR, checkSweepName(name));

/** Expands the grid and validates every run (flags, budget, size) before any is started. */
export function planSweep(req: PlanRequest): SweepPlan {
  const name = checkSweepName(req.name);
  const budget: RunFlags = {};
  for (const [flag, value] of Object.entries(req.budget)) {
    if (value === undefined) continue;
    if (req.axes.some((a) => a.flag === flag)) throw new Error(`--${flag} is given both to the sweep and in the grid: keep one`);
    budget[flag] = parseFlagValue(flag, value, "(sweep flag)");
  }
  const configs = expandGrid(req.axes).map((c) => ({ ...c, ...budget }));
  const varying = req.axes.filter((a) => a.values.length > 1).map((a) => a.flag);
  const shape = req.maxParams !== undefined ? dataShapeOf(req.words) : null;
  const runs = configs.map((config, i) => {
    const id = runIdOf(i, configs.length, config, varying);
    try {
      const options = runOptionsOf(config);
      if (shape) checkRunSize(options, shape, req.maxParams!);
      return { id, config, options };
    } catch (e) {
      throw new Error(`run ${id} (${describeFlags(config)}): ${(e as Error).message}`);
    }
  });
  return { name, dir: sweepDirOf(name, req.root), words: { count: req.words.length, sha256: wordsDigest(req.words) }, runs };
}

export const describeFlags = (config: RunFlags): string =>
  Object.entries(config)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");

/** sweep.json: what a sweep is, written when it starts. */
export interface SweepManifest {
  format: 1;
  name: string;
  input: { file: string; words: number; sha256: string };
  runs: { id: string; config: RunFlags }[];
  /** the queue it was sent to, password masked; null for a local sweep */
  queue: string | null;
  created: string;
}

export function readManifest(dir: string): SweepManifest | null {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  try {
    const m = JSON.parse(readFileSync(path, "utf8")) as SweepManifest;
    if (m.format !== 1 || !Array.isArray(m.runs)) throw new Error("unknown format");
    return m;
  } catch (e) {
    throw new Error(`${path} is not a sweep manifest (${(e as Error).message})`);
  }
}

/** Records the plan, or checks that a sweep already in the dir is this one (a re-run continues it). */
export function recordPlan(plan: SweepPlan, inputFile: string, queue: string | null): SweepManifest {
  const existing = readManifest(plan.dir);
  const runs = plan.runs.map((r) => ({ id: r.id, config: r.config }));
  if (existing) {
    const same = existing.input.sha256 === plan.words.sha256 && JSON.stringify(existing.runs) === JSON.stringify(runs);
    if (!same) throw new Error(`${plan.dir} holds another sweep (its words or runs differ): choose another --name, or move that directory away`);
    return existing;
  }
  const manifest: SweepManifest = {
    format: 1,
    name: plan.name,
    input: { file: inputFile, words: plan.words.count, sha256: plan.words.sha256 },
    runs,
    queue,
    created: new Date().toISOString(),
  };
  writeFileAtomic(join(plan.dir, MANIFEST_FILE), JSON.stringify(manifest, null, 1) + "\n");
  return manifest;
}
