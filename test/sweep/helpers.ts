// Redis, workers and CLI runs for the sweep tests. MAKEMORE_TEST_REDIS (set by
// scripts/ci-sweep.sh) names a running server; without it each test file starts its own
// redis-server on a free port. Each test file uses its own database, so workers of one file
// never take another's jobs.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";
import { CLI, tempDir } from "../helpers/cli.js";
import { repoRoot } from "../helpers/fixtures.js";
import { freePort } from "../helpers/free-port.js";

export interface TestRedis {
  /** redis://host:port/db, this file's own database, emptied */
  url: string;
  port: number;
  stop(): Promise<void>;
}

async function waitForPing(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    r.on("error", () => {});
    try {
      await r.connect();
      await r.ping();
      r.disconnect();
      return;
    } catch {
      r.disconnect();
      await new Promise((res) => setTimeout(res, 100));
    }
  }
  throw new Error(`redis at ${url} did not answer`);
}

/** A redis-server of this test's own (a password makes it refuse clients without one). */
export async function startRedisServer(password?: string): Promise<{ port: number; process: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", ...(password ? ["--requirepass", password] : [])];
  const p = spawn("redis-server", args, { stdio: "ignore" });
  await waitForPing(password ? `redis://:${password}@127.0.0.1:${port}` : `redis://127.0.0.1:${port}`);
  const stop = () => new Promise<void>((resolve) => (p.exitCode !== null ? resolve() : (p.once("exit", () => resolve()), p.kill("SIGTERM"))));
  return { port, process: p, stop };
}

/** This test file's Redis database: CI's server if there is one, else a server of its own. */
export async function testRedis(db: number): Promise<TestRedis> {
  const shared = process.env.MAKEMORE_TEST_REDIS;
  if (shared) {
    const base = shared.replace(/\/\d*$/, "");
    const url = `${base}/${db}`;
    const r = new Redis(url);
    await r.flushdb();
    r.disconnect();
    return { url, port: Number(new URL(base).port), stop: async () => {} };
  }
  const server = await startRedisServer();
  return { url: `redis://127.0.0.1:${server.port}/${db}`, port: server.port, stop: server.stop };
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a child process; the test's event loop stays free (to watch the queue, to kill a worker). */
export function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { process: ChildProcess; done: Promise<CliRun>; output(): string } {
  const p = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, MAKEMORE_DEBUG: "", ...env } });
  let stdout = "",
    stderr = "";
  p.stdout!.on("data", (d) => (stdout += d));
  p.stderr!.on("data", (d) => (stderr += d));
  const done = new Promise<CliRun>((resolve) => p.on("exit", (status, signal) => resolve({ status, signal, stdout, stderr })));
  return { process: p, done, output: () => stdout + stderr };
}

/** A `makemore worker`, resolved once it says it is ready. */
export async function startWorker(url: string, id: string, cwd: string, extra: string[] = []) {
  const w = cli(["worker", "--queue", url, "--id", id, "--concurrency", "1", ...extra], cwd);
  for (let i = 0; !/ready on/.test(w.output()); i++) {
    if (w.process.exitCode !== null || i > 300) throw new Error(`worker ${id} did not start: ${w.output()}`);
    await new Promise((res) => setTimeout(res, 100));
  }
  return w;
}

/** The first `n` names of data/names.txt in a temp dir, the sweeps' working directory. */
export function sweepDir(n = 800): { cwd: string; words: string } {
  const cwd = tempDir("makemore-sweep-");
  const words = join(cwd, "names.txt");
  writeFileSync(
    words,
    readFileSync(join(repoRoot, "data", "names.txt"), "utf8")
      .split("\n")
      .slice(0, n)
      .join("\n") + "\n",
  );
  return { cwd, words };
}

export function readResults(cwd: string, name: string): Array<Record<string, any>> {
  return readFileSync(join(cwd, "sweeps", name, "results.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

export const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
