import { Command, Option } from "commander";
import { action, intArg } from "./errors.js";
import { MODEL_TYPES, type ModelType } from "../models/config.js";
import { runBench } from "../bench/run.js";
import { measureTraining } from "../bench/measure.js";
import { measureGenerate } from "../bench/generate-timing.js";
import { namesPath } from "../bench/paths.js";
import { MAKEMORE_DEFAULTS as D } from "../train/defaults.js";

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
    .addOption(new Option("--child").hideHelp())
    .addOption(new Option("--type <type>").choices(MODEL_TYPES).hideHelp())
    .addOption(new Option("--generate <n>").argParser(intArg("--generate", 1, 1_000_000)).hideHelp())
    .addOption(new Option("--full-test-loss").hideHelp())
    .action(action(async (o: { types: string; steps: number; warmup: number; rounds: number; workers?: number; torch: boolean; json?: string; child?: boolean; type?: ModelType; generate?: number; fullTestLoss?: boolean }) => {
      if (o.child) {
        const result = o.generate
          ? { seconds: measureGenerate(o.generate) }
          : await measureTraining({ input: namesPath(), type: o.type!, steps: o.steps, warmup: o.warmup, batchSize: D.batchSize, workers: o.workers, fullTestLoss: o.fullTestLoss });
        console.log(JSON.stringify(result));
        return;
      }
      const types = o.types.split(",").map((t) => t.trim());
      for (const t of types) if (!(MODEL_TYPES as readonly string[]).includes(t)) throw new Error(`unknown model type '${t}' (expected ${MODEL_TYPES.join(", ")})`);
      runBench({ types: types as ModelType[], steps: o.steps, warmup: o.warmup, rounds: o.rounds, torch: o.torch, json: o.json, workers: o.workers });
    }));
}
