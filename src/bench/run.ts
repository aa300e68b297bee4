import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import type { ModelType } from "../models/config.js";
import { countBigrams } from "../bigram/counts.js";
import { readWordsFile } from "../data/read-words-file.js";
import { backendLabel, child } from "./child.js";
import { namesPath } from "./paths.js";
import { median, type StepTiming } from "./measure.js";
import { torchAvailable, torchJson, torchStepTime, type TorchTiming } from "./torch-ref.js";

export interface BenchOptions {
  types: ModelType[];
  steps: number;
  warmup: number;
  torch: boolean;
  json?: string;
  /** undefined: one per core, as the trainer does */
  workers?: number;
  /** ours, PyTorch 1T and PyTorch 2T take turns this many times; medians of the rounds are reported */
  rounds: number;
}

interface Row {
  type: ModelType;
  ours: StepTiming;
  torch: TorchTiming[];
}

const fmt = (x: number | undefined, d = 2) => (x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(d));

export function runBench(o: BenchOptions): void {
  const useTorch = o.torch && torchAvailable();
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const header =
    `makemore bench — ${new Date().toISOString().slice(0, 10)}, ${cpu} (${cpus().length} cores), node ${process.version}, ` +
    `backend ${backendLabel()}, workers ${o.workers ?? "default (one per core; 1 for the bigram)"}, median of ${o.rounds} rounds of ${o.steps} timed steps after ${o.warmup} warm-up (ours: and at least 1 s), batch 32`;
  console.log(header);
  if (!useTorch) console.log("(PyTorch not found at /usr/bin/python3: showing our numbers only)");
  console.log("type         workers  ours ms/step  torch ms/step 1T / 2T  ours/best torch  tokens/s  peak RSS ours / torch (MB)");
  const rows: Row[] = [];
  for (const type of o.types) {
    // take turns, so that a busy spell on a shared machine hits both sides alike
    const oursRounds: StepTiming[] = [];
    const torchRounds: TorchTiming[][] = [[], []];
    for (let r = 0; r < o.rounds; r++) {
      oursRounds.push(
        child(["--type", type, "--steps", String(o.steps), "--warmup", String(o.warmup), ...(o.workers ? ["--workers", String(o.workers)] : [])]),
      );
      if (useTorch)
        [1, 2].forEach((threads, i) => {
          const t = torchStepTime({ input: namesPath(), type, steps: o.steps, warmup: o.warmup, threads });
          if (t) torchRounds[i].push(t);
        });
    }
    const ours: StepTiming = {
      ...oursRounds[0],
      medianMs: median(oursRounds.map((t) => t.medianMs)),
      peakRssMb: Math.max(...oursRounds.map((t) => t.peakRssMb)),
    };
    ours.tokensPerSec = oursRounds[0].tokensPerSec * (oursRounds[0].medianMs / ours.medianMs);
    const torch = torchRounds
      .filter((ts) => ts.length)
      .map((ts) => ({ threads: ts[0].threads, medianMs: median(ts.map((t) => t.medianMs)), peakRssMb: Math.max(...ts.map((t) => t.peakRssMb)) }));
    rows.push({ type, ours, torch });
    const best = torch.length ? Math.min(...torch.map((t) => t.medianMs)) : NaN;
    console.log(
      `${type.padEnd(12)} ${String(ours.workers).padStart(7)}  ${fmt(ours.medianMs, 3).padStart(12)}  ${(fmt(torch[0]?.medianMs, 3) + " / " + fmt(torch[1]?.medianMs, 3)).padStart(21)}  ` +
        `${fmt(ours.medianMs / best).padStart(15)}  ${Math.round(ours.tokensPerSec).toString().padStart(8)}  ` +
        `${fmt(ours.peakRssMb, 0)} / ${fmt(torch.length ? Math.max(...torch.map((t) => t.peakRssMb)) : NaN, 0)}`,
    );
  }
  const genOurs: number = child(["--generate", "1000"]).seconds;
  const genTorch = useTorch ? torchJson("torch_generate.py", ["--num", "1000", "--threads", "1"])?.seconds : undefined;
  console.log(
    `generate 1000 names (untrained default transformer): ours ${fmt(genOurs, 3)} s, PyTorch ${fmt(genTorch, 3)} s → ${fmt(genOurs / (genTorch ?? NaN))}×`,
  );
  const words = readWordsFile(namesPath());
  const countTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    countBigrams(words);
    countTimes.push(performance.now() - t0);
  }
  const countMs = median(countTimes);
  const loop = useTorch ? torchJson("python_bigram_count.py", [namesPath()])?.seconds : undefined;
  console.log(`count the bigrams of names.txt: ours ${fmt(countMs)} ms, the notebook's loop ${fmt(loop === undefined ? NaN : loop * 1000, 0)} ms`);
  if (o.json)
    writeFileSync(
      o.json,
      JSON.stringify({ header, rows, generate: { ours: genOurs, torch: genTorch }, countBigrams: { oursMs: countMs, notebookLoopS: loop } }, null, 1),
    );
}
