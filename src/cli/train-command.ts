import { type Command, Option } from "commander";
import { action, floatArg, intArg } from "./errors.js";
import { bundledNamesPath } from "./paths.js";
import { MODEL_TYPES } from "../models/config.js";
import { MODEL_LIMITS } from "../models/limits.js";
import { SAMPLING_LIMITS } from "../sample/options.js";
import { type TrainOptions, train } from "../train/trainer.js";
import { sampleOnly } from "../train/sample-only.js";

/** The parsed flags: the trainer's options, with the CLI's spellings for the optional ones. */
type RootOptions = Omit<TrainOptions, "resume" | "numSamples" | "topK"> & {
  resume?: boolean;
  sampleOnly?: boolean;
  /** -1: no top-k */
  topK: number;
  numSamples?: number;
  prefix?: string;
};

/** The root command: makemore's own flags (train, --resume, --sample-only) plus ours. */
export function configureTrainCommand(program: Command): void {
  program
    .option("-i, --input-file <file>", "input file with things one per line", bundledNamesPath())
    .option("-o, --work-dir <dir>", "output working directory", "out")
    .option("--resume", "when this flag is used, we will resume optimization from existing model in the workdir")
    .option("--sample-only", "just sample from the model and quit, don't train")
    .option("--max-steps <n>", "max number of optimization steps to run for, or -1 for infinite", intArg("--max-steps", -1), -1)
    .option("--max-time <seconds>", "stop training after this many seconds (0: no limit)", floatArg("--max-time", 0), 0)
    .option("--seed <n>", "seed", intArg("--seed", 0, 2 ** 53), 3407)
    .option("--top-k <k>", "top-k for sampling, -1 means no top-k", intArg("--top-k", -1, SAMPLING_LIMITS.maxTopK), -1)
    .addOption(new Option("--type <type>", "model class type to use").choices(MODEL_TYPES).default("transformer"))
    .option("--n-layer <n>", "number of layers", intArg("--n-layer", 1, MODEL_LIMITS.nLayer), 4)
    .option("--n-head <n>", "number of heads (in a transformer)", intArg("--n-head", 1, MODEL_LIMITS.nHead), 4)
    .option("--n-embd <n>", "number of feature channels in the model", intArg("--n-embd", 1, MODEL_LIMITS.nEmbd), 64)
    .option("--n-embd2 <n>", "number of feature channels elsewhere in the model", intArg("--n-embd2", 1, MODEL_LIMITS.nEmbd2), 64)
    .option("-b, --batch-size <n>", "batch size during optimization", intArg("--batch-size", 1, 65536), 32)
    .option("-l, --learning-rate <lr>", "learning rate", floatArg("--learning-rate", 0, 10, { exclusiveMin: true }), 5e-4)
    .option("-w, --weight-decay <wd>", "weight decay", floatArg("--weight-decay", 0, 10), 0.01)
    .option("--temperature <t>", "sampling temperature", floatArg("--temperature", SAMPLING_LIMITS.minTemperature, SAMPLING_LIMITS.maxTemperature), 1.0)
    .option("--num-samples <n>", "samples to print (default: 10 while training, 50 with --sample-only)", intArg("--num-samples", 1, SAMPLING_LIMITS.maxSamples))
    .option("--prefix <text>", "sample words that start with this text")
    .option("--eval-every <n>", "evaluate, checkpoint and sample every n steps", intArg("--eval-every", 1), 500)
    .option("--workers <n>", "data-parallel worker threads (default: one per core; 1 for the bigram)", intArg("--workers", 1, 64))
    .option("-q, --quiet", "print evaluations and samples only")
    .action(action(async (o: RootOptions, command: Command) => {
      if (o.resume && o.sampleOnly) throw new Error("--resume and --sample-only cannot be used together");
      if (o.type === "transformer" && o.nEmbd % o.nHead !== 0) throw new Error(`--n-embd (${o.nEmbd}) must be divisible by --n-head (${o.nHead})`);
      const sampling = { temperature: o.temperature, topK: o.topK === -1 ? null : o.topK, prefix: o.prefix };
      if (o.sampleOnly) {
        const inputFileGiven = command.getOptionValueSource("inputFile") !== "default";
        await sampleOnly({ inputFile: o.inputFile, inputFileGiven, workDir: o.workDir, seed: o.seed, num: o.numSamples ?? 50, ...sampling });
        return;
      }
      if (o.prefix) throw new Error("--prefix is for --sample-only");
      await train({ ...o, resume: !!o.resume, numSamples: o.numSamples ?? 10, topK: sampling.topK });
    }));
}
