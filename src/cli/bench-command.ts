import { Command, Option } from "commander";
import { action, intArg } from "./errors.js";
import { MODEL_TYPES, type ModelType } from "../models/config.js";
import { runBench } from "../bench/run.js";
import { runSizes } from "../bench/sizes.js";
import { measureTraining } from "../bench/measure.js";
import { measureGenerate } from "../bench/generate-timing.js";
import { namesPath } from "../bench/paths.js";
import { MAKEMORE_DEFAULTS as D } from "../train/defaults.js";
import { measureMemory } from "../bench/memory.js";
import { runMemoryReport } from "../bench/memory-report.js";
import { writeFileSync } from "node:fs";

interface BenchFlags {
  types: string;
  steps: number;
  warmup: number;
  rounds: number;
  workers?: number;
  torch: boolean;
  json?: string;
  child?: boolean;
  type?: ModelType;
  generate?: number;
  fullTestLoss?: boolean;
  sizes?: boolean;
  childSize?: string;
  memory?: boolean;
  memoryChild?: string;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  nEmbd2: number;
  blockSize: number;
  batchSize: number;
}

/** `makemore bench`: ms/step for every model type against PyTorch on this machine, measured in one run. */
export function benchCommand(): Command {
  return new Command("bench")
    .description("time training steps (and sampling, bigram counting) against PyTorch's makemore on this machine")
    .option("--types <list>", "comma-separated model types", MODEL_TYPES.join(","))
    .option("--steps <n>", "timed steps per model and round", intArg("--steps", 1, 100000), 150)
    .option("--warmup <n>", "untimed steps first", intArg("--warmup", 0, 100000), 30)
    .option("--rounds <n>", "alternate ours and PyTorch this many times, report medians", intArg("--rounds", 1, 100), 3)
    .option("--workers <n>", "data-parallel worker threads (default: one per core; 1 for the bigram)", intArg("--workers", 1, 64))
    .option("--no-torch", "skip the PyTorch measurements")
    .option("--json <file>", "also write the results as JSON")
    .option("--sizes", "instead: the scaling table, the transformer at n_embd 64 / 128 / 256 against PyTorch")
    .option(
      "--memory",
      "instead: the memory of a training step (weights, gradients, AdamW moments, activations, peak RSS) in fp32/fp16/bf16, with and without activation checkpointing",
    )
    .option("--n-layer <n>", "--memory: layers", intArg("--n-layer", 1, 64), 8)
    .option("--n-head <n>", "--memory: heads", intArg("--n-head", 1, 64), 4)
    .option("--n-embd <n>", "--memory: channels", intArg("--n-embd", 1, 4096), 128)
    .option("--n-embd2 <n>", "--memory: channels elsewhere", intArg("--n-embd2", 1, 4096), 128)
    .option("--block-size <n>", "--memory: sequence length", intArg("--block-size", 1, 4096), 32)
    .option("--batch-size <n>", "--memory: batch size", intArg("--batch-size", 1, 65536), 256)
    .addOption(new Option("--child").hideHelp())
    .addOption(new Option("--type <type>", "--memory: the model type (default: transformer)").choices(MODEL_TYPES))
    .addOption(new Option("--memory-child <json>").hideHelp())
    .addOption(new Option("--generate <n>").argParser(intArg("--generate", 1, 1_000_000)).hideHelp())
    .addOption(new Option("--full-test-loss").hideHelp())
    .addOption(new Option("--child-size <nEmbd,nLayer,nHead>").hideHelp())
    .action(
      action(async (o: BenchFlags, command: Command) => {
        if (o.memoryChild) {
          const { c, v, steps } = JSON.parse(o.memoryChild);
          console.log(JSON.stringify(await measureMemory(c, v, steps)));
          return;
        }
        if (o.memory) {
          const steps = command.getOptionValueSource("steps") === "default" ? 5 : o.steps;
          const rounds = command.getOptionValueSource("rounds") === "default" ? 1 : o.rounds;
          runMemoryReport(
            {
              type: o.type ?? "transformer",
              nLayer: o.nLayer,
              nHead: o.nHead,
              nEmbd: o.nEmbd,
              nEmbd2: o.nEmbd2,
              blockSize: o.blockSize,
              batchSize: o.batchSize,
              vocabSize: 27,
            },
            { steps, rounds, json: o.json ? (rows) => writeFileSync(o.json!, JSON.stringify(rows, null, 1) + "\n") : undefined },
          );
          return;
        }
        if (o.child) {
          const result = o.generate
            ? { seconds: measureGenerate(o.generate) }
            : await measureTraining({
                input: namesPath(),
                type: o.type!,
                steps: o.steps,
                warmup: o.warmup,
                batchSize: D.batchSize,
                workers: o.workers,
                fullTestLoss: o.fullTestLoss,
                size: childSize(o.childSize),
              });
          console.log(JSON.stringify(result));
          return;
        }
        if (o.sizes) {
          runSizes({ steps: o.steps, warmup: o.warmup, rounds: o.rounds, torch: o.torch, json: o.json, workers: o.workers });
          return;
        }
        const types = o.types.split(",").map((t) => t.trim());
        for (const t of types)
          if (!(MODEL_TYPES as readonly string[]).includes(t)) throw new Error(`unknown model type '${t}' (expected ${MODEL_TYPES.join(", ")})`);
        runBench({ types: types as ModelType[], steps: o.steps, warmup: o.warmup, rounds: o.rounds, torch: o.torch, json: o.json, workers: o.workers });
      }),
    );
}

/** The transformer size a `--sizes` child times, as "nEmbd,nLayer,nHead". */
function childSize(spec: string | undefined): { nEmbd: number; nLayer: number; nHead: number } | undefined {
  if (!spec) return undefined;
  const [nEmbd, nLayer, nHead] = spec.split(",").map(Number);
  return { nEmbd, nLayer, nHead };
}
