// Quality check (a benchmark, not a test): train every model type for 3000 steps on names.txt
// with makemore's defaults and seed 3407, and compare the final full test loss with PyTorch's
// (bench/torch_makemore.py, same seed, same batches), run now on this machine when available.
//   node dist/bench/quality.js [--steps 3000] [--types a,b] [--json out.json]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliPath, namesPath, torchScript } from "../src/bench/paths.js";
import { torchAvailable } from "../src/bench/torch-ref.js";
import { MODEL_TYPES } from "../src/models/config.js";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const steps = Number(arg("--steps", "3000"));
const types = arg("--types", MODEL_TYPES.join(",")).split(",");
const jsonOut = process.argv.includes("--json") ? arg("--json", "") : null;
const useTorch = torchAvailable();

console.log(`quality: ${steps} steps, seed 3407, makemore defaults, final full test loss (nats/char) — ${new Date().toISOString().slice(0, 10)}`);
console.log("type          ours    PyTorch   diff    ours s   PyTorch s");
const rows: unknown[] = [];
for (const type of types) {
  let t0 = performance.now();
  const r = spawnSync(process.execPath, [cliPath(), "bench", "--child", "--type", type, "--steps", String(steps), "--warmup", "0", "--full-test-loss"], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`${type}: ${r.stderr}`);
  const ours = JSON.parse(r.stdout.trim().split("\n").at(-1)!).fullTestLoss as number;
  const oursS = (performance.now() - t0) / 1000;
  let torch = NaN;
  let torchS = NaN;
  if (useTorch) {
    const out = join(mkdtempSync(join(tmpdir(), "quality-")), "torch.json");
    t0 = performance.now();
    const p = spawnSync(
      "/usr/bin/python3",
      [
        torchScript("torch_makemore.py"),
        "--input",
        namesPath(),
        "--type",
        type,
        "--max-steps",
        String(steps),
        "--threads",
        "2",
        "--eval-every",
        "0",
        "--print-every",
        "0",
        "--no-final-eval",
        "--json",
        out,
      ],
      { encoding: "utf8" },
    );
    torchS = (performance.now() - t0) / 1000;
    if (p.status === 0) torch = JSON.parse(readFileSync(out, "utf8")).final_test_loss_full;
  }
  rows.push({ type, ours, torch, diff: ours - torch, oursSeconds: oursS, torchSeconds: torchS });
  console.log(
    `${type.padEnd(12)} ${ours.toFixed(4)}  ${torch.toFixed(4)}  ${(ours - torch >= 0 ? "+" : "") + (ours - torch).toFixed(4)}  ${oursS.toFixed(0).padStart(6)}  ${torchS.toFixed(0).padStart(9)}`,
  );
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(rows, null, 1));
