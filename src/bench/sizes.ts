import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { backendLabel, child } from "./child.js";
import { median, type StepTiming } from "./measure.js";
import { namesPath } from "./paths.js";
import { torchAvailable, torchStepTime, type ModelSize, type TorchTiming } from "./torch-ref.js";

/** The scaling table's transformers: makemore's default, then wider and deeper ones. */
export const SIZES: readonly (ModelSize & { label: string; stepsScale: number })[] = [
  { label: "default (n_embd 64, 4 layers, 4 heads)", nEmbd: 64, nLayer: 4, nHead: 4, stepsScale: 1 },
  { label: "n_embd 128, 4 layers, 4 heads", nEmbd: 128, nLayer: 4, nHead: 4, stepsScale: 0.5 },
  { label: "n_embd 256, 6 layers, 8 heads", nEmbd: 256, nLayer: 6, nHead: 8, stepsScale: 0.2 },
];

export interface SizesOptions {
  /** timed steps for the default size; bigger sizes take proportionally fewer (at least 20) */
  steps: number;
  warmup: number;
  rounds: number;
  torch: boolean;
  workers?: number;
  json?: string;
}

const fmt = (x: number | undefined, d = 2) => (x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(d));

/**
 * `makemore bench --sizes`: transformer ms/step as the model grows, ours (the backend this
 * process picked, inherited by the children; the trainer's default workers) against PyTorch
 * with 1 and 2 threads, taking turns round by round so a busy spell hits all alike; medians.
 */
export function runSizes(o: SizesOptions): void {
  const useTorch = o.torch && torchAvailable();
  console.log(
    `makemore bench --sizes — ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} cores), ` +
      `node ${process.version}, backend ${backendLabel()}, workers ${o.workers ?? "default (one per core)"}, batch 32, median of ${o.rounds} alternating rounds`,
  );
  if (!useTorch) console.log("(PyTorch not found at /usr/bin/python3: showing our numbers only)");
  console.log("transformer                              steps  workers  ours ms/step  torch ms/step 1T / 2T  ours/best torch");
  const rows: { size: ModelSize & { label: string }; ours: number; torch: (number | undefined)[]; workers: number }[] = [];
  for (const size of SIZES) {
    const steps = Math.max(20, Math.round(o.steps * size.stepsScale));
    const sizeArgs = ["--child-size", `${size.nEmbd},${size.nLayer},${size.nHead}`];
    const ours: StepTiming[] = [];
    const torch: TorchTiming[][] = [[], []];
    for (let r = 0; r < o.rounds; r++) {
      ours.push(
        child([
          "--type",
          "transformer",
          "--steps",
          String(steps),
          "--warmup",
          String(o.warmup),
          ...sizeArgs,
          ...(o.workers ? ["--workers", String(o.workers)] : []),
        ]),
      );
      if (useTorch)
        [1, 2].forEach((threads, i) => {
          const t = torchStepTime({ input: namesPath(), type: "transformer", steps, warmup: o.warmup, threads, size });
          if (t) torch[i].push(t);
        });
    }
    const oursMs = median(ours.map((t) => t.medianMs));
    const torchMs = torch.map((ts) => (ts.length ? median(ts.map((t) => t.medianMs)) : undefined));
    const best = torchMs.some((t) => t !== undefined) ? Math.min(...torchMs.map((t) => t ?? Infinity)) : NaN;
    rows.push({ size, ours: oursMs, torch: torchMs, workers: ours[0].workers });
    console.log(
      `${size.label.padEnd(40)} ${String(steps).padStart(5)}  ${String(ours[0].workers).padStart(7)}  ${fmt(oursMs, 1).padStart(12)}  ` +
        `${(fmt(torchMs[0], 1) + " / " + fmt(torchMs[1], 1)).padStart(21)}  ${fmt(oursMs / best).padStart(15)}`,
    );
  }
  if (o.json) writeFileSync(o.json, JSON.stringify({ backend: backendLabel(), rows }, null, 1));
}
