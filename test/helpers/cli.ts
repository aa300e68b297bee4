import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./fixtures.js";

export const CLI = join(repoRoot, "dist", "src", "cli", "main.js");

/** Runs the makemore CLI to completion. */
export function runCli(args: string[], opts: { cwd?: string; timeout?: number } = {}): SpawnSyncReturns<string> {
  // MAKEMORE_DEBUG would add stack traces to errors, which the tests check are absent
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    cwd: opts.cwd,
    timeout: opts.timeout ?? 120_000,
    env: { ...process.env, MAKEMORE_DEBUG: "" },
  });
}

export function startCli(args: string[]) {
  return spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

export const tempDir = (prefix = "makemore-test-"): string => mkdtempSync(join(tmpdir(), prefix));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout split into lines, without the final empty one. */
  lines: string[];
}

/** `makemore bigram ARGS…` from the repository root. */
export function bigramCli(...args: string[]): CliResult {
  const r = runCli(["bigram", ...args], { cwd: repoRoot });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stdout.split("\n").slice(0, -1) };
}

/** A path relative to the repository root, e.g. `data/names.txt`. */
export const repoPath = (rel: string): string => join(repoRoot, rel);
