import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { torchScript } from "./paths.js";

/** A transformer's size, for the scaling table (`makemore bench --sizes`). */
export interface ModelSize {
  nEmbd: number;
  nLayer: number;
  nHead: number;
}

const PYTHON = "/usr/bin/python3";

/** PyTorch is only a yardstick: it is used when /usr/bin/python3 can import torch. */
export function torchAvailable(): boolean {
  if (!existsSync(PYTHON) || !existsSync(torchScript("torch_makemore.py"))) return false;
  return spawnSync(PYTHON, ["-c", "import torch"], { stdio: "ignore" }).status === 0;
}

export interface TorchTiming {
  threads: number;
  medianMs: number;
  peakRssMb: number;
}

/** torch_makemore.py's median ms/step for one model type, run under a wrapper that reports peak RSS. */
export function torchStepTime(o: { input: string; type: string; steps: number; warmup: number; threads: number; size?: ModelSize }): TorchTiming | null {
  const dir = mkdtempSync(join(tmpdir(), "makemore-bench-"));
  const json = join(dir, "out.json");
  const args = [
    "--input",
    o.input,
    "--type",
    o.type,
    "--max-steps",
    String(o.steps + o.warmup),
    "--warmup",
    String(o.warmup),
    "--threads",
    String(o.threads),
    "--eval-every",
    "0",
    "--print-every",
    "0",
    "--no-final-eval",
    "--json",
    json,
    ...(o.size ? ["--n-embd", String(o.size.nEmbd), "--n-layer", String(o.size.nLayer), "--n-head", String(o.size.nHead)] : []),
  ];
  const wrapper = [
    "import resource, runpy, sys",
    `sys.argv = [${JSON.stringify(torchScript("torch_makemore.py"))}] + ${JSON.stringify(args)}`,
    "runpy.run_path(sys.argv[0], run_name='__main__')",
    "print('PEAK_RSS_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)",
  ].join("\n");
  const r = spawnSync(PYTHON, ["-c", wrapper], { encoding: "utf8", timeout: 30 * 60_000 });
  try {
    if (r.status !== 0 || !existsSync(json)) return null;
    const summary = JSON.parse(readFileSync(json, "utf8"));
    const rss = /PEAK_RSS_KB (\d+)/.exec(r.stdout);
    return { threads: o.threads, medianMs: summary.median_ms_per_step, peakRssMb: rss ? Number(rss[1]) / 1024 : NaN };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function torchJson(script: string, args: string[]): any | null {
  const r = spawnSync(PYTHON, [torchScript(script), ...args], { encoding: "utf8", timeout: 10 * 60_000 });
  if (r.status !== 0) return null;
  const line = r.stdout.trim().split("\n").at(-1);
  try {
    return JSON.parse(line ?? "");
  } catch {
    return null;
  }
}
