import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./fixtures.js";

export const CLI = join(repoRoot, "dist", "src", "cli", "main.js");

/** Runs the makemore CLI to completion. */
export function runCli(args: string[], opts: { cwd?: string; timeout?: number } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: opts.cwd, timeout: opts.timeout ?? 120_000 });
}

export function startCli(args: string[]) {
  return spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

export const tempDir = (prefix = "makemore-test-"): string => mkdtempSync(join(tmpdir(), prefix));
