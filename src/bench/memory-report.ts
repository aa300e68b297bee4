// `makemore bench --memory`: each variant (fp32/fp16/bf16, with and without activation
// checkpointing) measured in a process of its own, rounds alternating, medians reported.
import { spawnSync } from "node:child_process";
import type { MemoryConfig, MemoryMeasurement, MemoryVariant } from "./memory.js";
import { median } from "./measure.js";
import { cliPath } from "./paths.js";

export const MEMORY_VARIANTS: MemoryVariant[] = (["fp32", "fp16", "bf16"] as const).flatMap((precision) =>
  [false, true].map((activationCheckpointing) => ({ precision, activationCheckpointing })),
);

function child(c: MemoryConfig, v: MemoryVariant, steps: number): MemoryMeasurement {
  const r = spawnSync(process.execPath, [cliPath(), "bench", "--memory-child", JSON.stringify({ c, v, steps })], { encoding: "utf8", timeout: 30 * 60_000 });
  if (r.status !== 0) throw new Error(`memory benchmark child failed: ${r.stderr.trim().split("\n").at(-1)}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!);
}

const mb = (b: number) => (b / 2 ** 20).toFixed(1);

export function runMemoryReport(c: MemoryConfig, o: { steps: number; rounds: number; json?: (rows: MemoryMeasurement[]) => void }): MemoryMeasurement[] {
  const rounds: MemoryMeasurement[][] = MEMORY_VARIANTS.map(() => []);
  for (let r = 0; r < o.rounds; r++) MEMORY_VARIANTS.forEach((v, i) => rounds[i].push(child(c, v, o.steps)));
  const rows = rounds.map((ms) => ({ ...ms[0], medianStepMs: median(ms.map((m) => m.medianStepMs)), peakRssBytes: median(ms.map((m) => m.peakRssBytes)) }));
  const base = rows[0];
  console.log(
    `${c.type}: n_layer ${c.nLayer}, n_head ${c.nHead}, n_embd ${c.nEmbd}, block ${c.blockSize}, batch ${c.batchSize}, vocab ${c.vocabSize}; one thread, ${o.steps} steps × ${o.rounds} rounds (medians)`,
  );
  console.log(`weights ${mb(base.weightBytes)} MB, gradients ${mb(base.gradBytes)} MB, AdamW moments ${mb(base.adamBytes)} MB (float32 in every variant)`);
  // what ZeRO's next stages would partition: the threads share one copy of weights and moments
  // (ZeRO-1 shards the moments' updates), but each worker sums into a gradient buffer of its own
  console.log(
    `with --workers N: + (N - 1) × ${mb(base.gradBytes)} MB of per-worker gradient buffers (ZeRO-2 would partition them), and each worker's own activations\n`,
  );
  console.log(
    "| precision | checkpointing | activations kept after forward (MB) | step peak of activations + their gradients (MB) | peak RSS (MB) | ms/step | vs fp32 |",
  );
  console.log("|---|---|---|---|---|---|---|");
  for (const m of rows)
    console.log(
      `| ${m.precision} | ${m.activationCheckpointing ? "yes" : "no"} | ${mb(m.keptBytes)} | ${mb(m.peakBytes)} | ${mb(m.peakRssBytes)} | ${m.medianStepMs.toFixed(1)} | ${(m.medianStepMs / base.medianStepMs).toFixed(2)}× |`,
    );
  o.json?.(rows);
  return rows;
}
