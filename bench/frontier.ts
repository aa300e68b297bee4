// The frontier (a benchmark, not a test): for a time budget, train each candidate recipe for
// that many seconds of training on names.txt, makemore's split (seed 3407, 1000 test words,
// duplicates kept, so the numbers compare with makemore's), and report the full test loss of
// the weights it ends with; then PyTorch's makemore default for the same wall time, in the
// same run. bench/FRONTIER.md records the tables the presets were chosen from.
//   node dist/bench/frontier.js --budget 300 [--set best|quick] [--only a,b] [--no-torch] [--json out.json]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliPath, namesPath, torchScript } from "../src/bench/paths.js";
import { torchAvailable } from "../src/bench/torch-ref.js";
import { readWordsFile } from "../src/data/read-words-file.js";
import { buildModel } from "../src/models/checkpoint.js";
import { decodeTrainState } from "../src/train/state.js";
import { datasetsForModel } from "../src/train/workdir-data.js";
import { fullLoss } from "../src/train/evaluate.js";
import { CANDIDATES, type Candidate } from "./frontier-candidates.js";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const budget = Number(arg("--budget", "300"));
const set = arg("--set", budget <= 90 ? "quick" : "best");
const only = process.argv.includes("--only") ? arg("--only", "").split(",") : null;
const jsonOut = process.argv.includes("--json") ? arg("--json", "") : null;
const useTorch = !process.argv.includes("--no-torch") && torchAvailable();
const words = readWordsFile(namesPath());

/** Trains a candidate through the CLI for `budget` seconds; the full test loss of its final weights (their average, with --ema). */
function runOurs(c: Candidate): { testLoss: number; steps: number; seconds: number } {
  const dir = mkdtempSync(join(tmpdir(), "frontier-"));
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [cliPath(), "-i", namesPath(), "-o", dir, "--max-time", String(budget), "--eval-every", "1000", "--num-samples", "1", "-q", "--seed", "3407", ...c.flags],
    { encoding: "utf8" },
  );
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${c.name}: ${r.stderr}`);
  const state = decodeTrainState(readFileSync(join(dir, "train_state.safetensors")), c.name);
  const { model, vocab } = buildModel(state.config, state.ema.size ? state.ema : state.model);
  const { test } = datasetsForModel(words, { vocab, blockSize: state.config.block_size }, 3407);
  return { testLoss: fullLoss(model, test), steps: state.meta.step, seconds };
}

/**
 * PyTorch's makemore default (bench/torch_makemore.py) for the same time, on one thread: its
 * faster setting for the default transformer here (`npm run bench`: 20.7 against 30.7 ms/step).
 */
function runTorch(seconds: number): { testLoss: number; steps: number } | null {
  const out = join(mkdtempSync(join(tmpdir(), "frontier-torch-")), "torch.json");
  const p = spawnSync(
    "/usr/bin/python3",
    [
      torchScript("torch_makemore.py"),
      "--input",
      namesPath(),
      "--max-steps",
      "100000000",
      "--max-time",
      String(seconds),
      "--threads",
      "1",
      "--eval-every",
      "0",
      "--print-every",
      "0",
      "--json",
      out,
    ],
    { encoding: "utf8", timeout: (seconds + 600) * 1000 },
  );
  if (p.status !== 0) return null;
  const j = JSON.parse(readFileSync(out, "utf8"));
  return { testLoss: j.final_test_loss_full, steps: j.steps };
}

console.log(
  `frontier: ${budget} s of training per recipe on names.txt, seed 3407, makemore's split (duplicates kept) — ${new Date().toISOString().slice(0, 16)}`,
);
const rows: Record<string, unknown>[] = [];
for (const c of CANDIDATES[set as keyof typeof CANDIDATES].filter((c) => !only || only.includes(c.name))) {
  const r = runOurs(c);
  rows.push({ recipe: c.name, flags: c.flags.join(" "), ...r });
  console.log(`${c.name.padEnd(22)} test ${r.testLoss.toFixed(4)}  ${String(r.steps).padStart(6)} steps  ${c.flags.join(" ")}`);
}
if (useTorch) {
  const t = runTorch(budget);
  if (t) {
    rows.push({ recipe: "PyTorch makemore default", flags: "", ...t });
    console.log(`${"PyTorch default".padEnd(22)} test ${t.testLoss.toFixed(4)}  ${String(t.steps).padStart(6)} steps  (1 thread, the same ${budget} s)`);
  }
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(rows, null, 1));
