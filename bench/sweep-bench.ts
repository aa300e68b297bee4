// `npm run bench:sweep`: the wall time of one sweep through the queue with 1 and 2 workers (and
// locally with 1 and 2 runs at a time, no Redis), and the queue's overhead per job, from many
// one-step runs: a queued job's time in its worker (Redis round trips, the stored checkpoint, the
// result read and encoded) against the same run's time in the local pool (both start the same
// child process), plus the worker's idle gap between two jobs by BullMQ's own timestamps
// (completing one, fetching the next). Per-job numbers, not differences of whole sweeps, since
// this machine's load moves whole sweeps by seconds. Starts its own redis-server, and gives
// every queued sweep a database of its own: a run's stored state is keyed by its content, so a
// second sweep of the same grid on the same database would find every run finished already.
// `npm run bench:sweep -- ROUNDS` repeats the measurements (the fastest round reported; default 1).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(root, "dist", "src", "cli", "main.js");
const cwd = mkdtempSync(join(tmpdir(), "makemore-sweep-bench-"));
const words = join(cwd, "names.txt");
writeFileSync(
  words,
  readFileSync(join(root, "data", "names.txt"), "utf8")
    .split("\n")
    .slice(0, 2000)
    .join("\n") + "\n",
);

const WALL_GRID = ["--grid", "type=transformer n-layer=1 n-embd=16,24 learning-rate=1e-3,2e-3 seed=1,2 eval-every=200", "--max-steps", "1000"];
const OVERHEAD_JOBS = 16;
const OVERHEAD_GRID = ["--grid", `type=bigram seed=${Array.from({ length: OVERHEAD_JOBS }, (_, i) => i + 1).join(",")}`, "--max-steps", "1"];

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

function start(args: string[]): { p: ChildProcess; out: () => string; done: Promise<number | null> } {
  const p = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  p.stdout!.on("data", (d) => (out += d));
  p.stderr!.on("data", (d) => (out += d));
  return { p, out: () => out, done: new Promise((resolve) => p.on("exit", resolve)) };
}

async function timed(args: string[]): Promise<number> {
  const t0 = performance.now();
  const run = start(args);
  if ((await run.done) !== 0) throw new Error(`makemore ${args.join(" ")} failed:\n${run.out()}`);
  return (performance.now() - t0) / 1000;
}

async function withWorkers<T>(url: string, n: number, fn: () => Promise<T>): Promise<T> {
  const workers = Array.from({ length: n }, (_, i) => start(["worker", "--queue", url, "--concurrency", "1", "--id", `bench${i}`]));
  while (!workers.every((w) => /ready on/.test(w.out()))) await new Promise((r) => setTimeout(r, 50));
  try {
    return await fn();
  } finally {
    for (const w of workers) w.p.kill("SIGTERM");
    await Promise.all(workers.map((w) => w.done));
  }
}

const port = await freePort();
const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 300));
let n = 0;
const sweep = (extra: string[], grid: string[]) => timed(["sweep", "-i", words, ...grid, "--name", `b${n++}`, ...extra]);
let db = 0;
const queued = (workers: number, grid: string[]) => {
  const url = `redis://127.0.0.1:${port}/${++db}`;
  return withWorkers(url, workers, () => sweep(["--queue", url], grid));
};
// on a shared machine the fastest round is the one least disturbed
const best = (xs: number[]) => Math.min(...xs);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const wallOf = (name: string) =>
  readFileSync(join(cwd, "sweeps", name, "results.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l).wall_s as number);

/** The worker's idle time between consecutive jobs of a sweep, by BullMQ's timestamps (one worker). */
async function gapsBetweenJobs(db: number, name: string): Promise<number[]> {
  const queue = new Queue("makemore-sweep", { connection: { url: `redis://127.0.0.1:${port}/${db}`, maxRetriesPerRequest: null } });
  try {
    const jobs = (await queue.getJobs(["completed"])).filter((j) => j.id?.startsWith(`${name}/`)).sort((a, b) => a.processedOn! - b.processedOn!);
    return jobs.slice(1).map((j, i) => (j.processedOn! - jobs[i].finishedOn!) / 1000);
  } finally {
    await queue.close();
  }
}
const rounds = Math.max(1, Number(process.argv[2] ?? 1));
try {
  console.log(
    `sweep bench: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}; ${rounds} round(s)`,
  );
  console.log("wall time of one sweep: 8 runs of a 1-layer transformer (n-embd 16/24), 1000 steps each, on 2000 names");
  const cases: [string, () => Promise<number>][] = [
    ["local, 1 at a time", () => sweep(["--concurrency", "1"], WALL_GRID)],
    ["local, 2 at a time", () => sweep(["--concurrency", "2"], WALL_GRID)],
    ["queue, 1 worker", () => queued(1, WALL_GRID)],
    ["queue, 2 workers", () => queued(2, WALL_GRID)],
  ];
  const times = cases.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) for (let i = 0; i < cases.length; i++) times[i].push(await cases[i][1]());
  cases.forEach(([what], i) =>
    console.log(
      `  ${what.padEnd(20)} ${best(times[i]).toFixed(1).padStart(6)} s${rounds > 1 ? `  (rounds: ${times[i].map((t) => t.toFixed(1)).join(", ")})` : ""}`,
    ),
  );
  console.log(
    `  2 workers over 1: ${(best(times[2]) / best(times[3])).toFixed(2)}× faster; 2 local runs at a time over 1: ${(best(times[0]) / best(times[1])).toFixed(2)}×`,
  );

  const overheads: { inJob: number; gap: number; local: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    await sweep(["--concurrency", "1"], OVERHEAD_GRID);
    const localName = `b${n - 1}`;
    await queued(1, OVERHEAD_GRID);
    const queuedName = `b${n - 1}`;
    const local = mean(wallOf(localName));
    overheads.push({ local, inJob: mean(wallOf(queuedName)) - local, gap: mean(await gapsBetweenJobs(db, queuedName)) });
  }
  const o = overheads.reduce((a, b) => (a.inJob + a.gap <= b.inJob + b.gap ? a : b));
  console.log(
    `queue overhead per job (${OVERHEAD_JOBS} one-step bigram runs, one worker): a local run takes ${(o.local * 1000).toFixed(0)} ms (its process starting, loading the kernels, one step, one evaluation)`,
  );
  console.log(
    `  in the worker, the same run takes ${(o.inJob * 1000).toFixed(0)} ms more; between two jobs the worker waits ${(o.gap * 1000).toFixed(0)} ms; together ${((o.inJob + o.gap) * 1000).toFixed(0)} ms a job`,
  );
} finally {
  redis.kill("SIGTERM");
}
