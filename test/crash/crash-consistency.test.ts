/**
 * Crash consistency: a training run killed (SIGKILL, injected by strace) at each write and
 * rename of its checkpoints, one kill per run. After every kill the work dir must hold either
 * the last committed run or none: eval, score and --sample-only read it, and --resume continues
 * it to exactly the uninterrupted run's metrics and model.
 *
 * Kill points: every fsync (the end of each temporary file's writes: a kill anywhere during
 * those writes leaves the same files on disk, a complete old target and a temporary nobody
 * reads), every rename (the commits), and every append to metrics.jsonl. Needs strace (`.ci/run`
 * installs it); run with `npm run test:crash`.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI } from "../helpers/cli.js";
import { repoRoot } from "../helpers/fixtures.js";

const root = mkdtempSync(join(tmpdir(), "makemore-crash-"));
const INPUT = join(root, "names.txt");
writeFileSync(
  INPUT,
  readFileSync(join(repoRoot, "data", "names.txt"), "utf8")
    .split("\n")
    .slice(0, 800)
    .join("\n"),
);
const TRAIN = [
  "-i",
  INPUT,
  "--type",
  "mlp",
  "--n-embd",
  "8",
  "--n-embd2",
  "16",
  "-b",
  "8",
  "--num-samples",
  "1",
  "--eval-every",
  "20",
  "--max-steps",
  "45",
  "-q",
  "--seed",
  "9",
];

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, MAKEMORE_DEBUG: "" } });
    let stdout = "",
      stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
const cli = (...args: string[]) => run(process.execPath, [CLI, ...args]);

/** The run killed at the nth call of `syscalls` (matching `path` when given), or null if it finished first. */
async function killedRun(dir: string, syscalls: string, n: number, path?: string): Promise<Result | null> {
  const trace = ["-f", "-qq", "-o", "/dev/null", ...(path ? ["-P", path] : []), "-e", `trace=${syscalls}`, "-e", `inject=${syscalls}:signal=KILL:when=${n}`];
  const r = await run("strace", [...trace, process.execPath, CLI, ...TRAIN, "-o", dir]);
  if (r.code === 0) return null;
  assert.ok(r.code === 137 || r.signal === "SIGKILL", `strace run ${syscalls}#${n}: ${r.stderr}`);
  return r;
}

const metricsOf = (dir: string) => readFileSync(join(dir, "metrics.jsonl"), "utf8");

async function checkAfterKill(dir: string, reference: string, label: string): Promise<void> {
  const committed = existsSync(join(dir, "train_state.safetensors"));
  if (committed) {
    for (const args of [
      ["eval", "-i", INPUT, "-o", dir, "--seed", "9"],
      ["score", "-o", dir, "emma"],
      ["-i", INPUT, "-o", dir, "--sample-only", "--num-samples", "3"],
    ]) {
      const r = await cli(...args);
      assert.equal(r.code, 0, `${label}: ${args[0]} failed: ${r.stderr}`);
    }
    const resumed = await cli(...TRAIN, "-o", dir, "--resume");
    assert.equal(resumed.code, 0, `${label}: --resume failed: ${resumed.stderr}`);
  } else {
    const r = await cli("eval", "-i", INPUT, "-o", dir);
    assert.match(r.stderr, /^makemore: no (trained model|such work dir)/, `${label}: nothing committed, so nothing to read`);
    const resumed = await cli(...TRAIN, "-o", dir, "--resume");
    assert.match(resumed.stderr, /^makemore: --resume: no run to resume/, label);
    const fresh = await cli(...TRAIN, "-o", dir);
    assert.equal(fresh.code, 0, `${label}: a fresh run failed: ${fresh.stderr}`);
  }
  assert.equal(normalized(dir), normalized(reference), `${label}: the same evaluations`);
  assert.deepEqual(readFileSync(join(dir, "model.safetensors")), readFileSync(join(reference, "model.safetensors")), `${label}: the same model`);
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.endsWith(".tmp")),
    [],
    `${label}: no temporary files left`,
  );
}

/** metrics.jsonl without its timings, which differ from run to run. */
const normalized = (dir: string) => metricsOf(dir).replace(/,"time_s":[\d.]+,"tokens_per_s":\d+/g, "");

test(
  "a kill at any checkpoint write or rename leaves a work dir every command reads, and --resume ends as the uninterrupted run",
  { timeout: 900_000 },
  async (t) => {
    assert.equal(spawnSync("strace", ["-V"]).status, 0, "strace is needed: apt-get install -y strace");
    const reference = join(root, "reference");
    const ref = await cli(...TRAIN, "-o", reference);
    assert.equal(ref.code, 0, ref.stderr);

    const points: { syscalls: string; n: number; path?: (dir: string) => string }[] = [];
    for (let n = 1; n <= 40; n++)
      points.push(
        { syscalls: "rename,renameat,renameat2", n },
        { syscalls: "fsync,fdatasync", n },
        { syscalls: "write", n, path: (d) => join(d, "metrics.jsonl") },
      );
    const finished = new Set<string>();
    let kills = 0;
    // two at a time: one per core
    const queue = [...points];
    await Promise.all(
      [0, 1].map(async () => {
        for (let p = queue.shift(); p; p = queue.shift()) {
          const key = p.path ? `${p.syscalls}@metrics` : p.syscalls;
          if (finished.has(key)) continue;
          const dir = mkdtempSync(join(root, "kill-"));
          const label = `killed at ${key} #${p.n}`;
          const killed = await killedRun(dir, p.syscalls, p.n, p.path?.(dir));
          if (!killed) {
            finished.add(key); // this run made fewer such calls: every one of them has been a kill point
            continue;
          }
          kills++;
          await checkAfterKill(dir, reference, label);
        }
      }),
    );
    assert.equal(finished.size, 3, "every kind of kill point was exhausted");
    assert.ok(kills >= 25, `only ${kills} kill points`);
    t.diagnostic(`${kills} runs killed, one kill point each, every one recovered`);
  },
);
