import { type Command, Option } from "commander";
import { action, floatArg, intArg } from "./errors.js";
import { bundledNamesPath } from "./paths.js";
import { MODEL_TYPES } from "../models/config.js";
import { MODEL_LIMITS } from "../models/limits.js";
import { SAMPLING_LIMITS } from "../sample/options.js";
import { MAKEMORE_DEFAULTS as D, PRECISIONS } from "../train/defaults.js";
import { RUN_KEYS } from "../train/session-setup.js";
import { PRESET_NAMES, presetOf } from "../train/presets.js";
import { type TrainOptions, train } from "../train/trainer.js";
import { sampleOnly } from "../train/sample-only.js";

/** The parsed flags: the trainer's options, with the CLI's spellings for the optional ones. */
type RootOptions = Omit<TrainOptions, "resume" | "force" | "numSamples" | "topK"> & {
  preset?: string;
  resume?: boolean;
  force?: boolean;
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
    .option(
      "--force",
      "start a new run in a work dir that holds one (the old run moves to WORKDIR/archive/), or --resume with a changed learning rate, batch size, weight decay or input file",
    )
    .option("--max-steps <n>", "max number of optimization steps to run for, or -1 for infinite", intArg("--max-steps", -1), D.maxSteps)
    .option("--max-time <seconds>", "stop training after this many seconds (0: no limit)", floatArg("--max-time", 0), D.maxTime)
    .option("--seed <n>", "seed", intArg("--seed", 0, 2 ** 53), D.seed)
    .option("--top-k <k>", "top-k for sampling, -1 means no top-k", intArg("--top-k", -1, SAMPLING_LIMITS.maxTopK), -1)
    .addOption(new Option("--type <type>", "model class type to use").choices(MODEL_TYPES).default(D.type))
    .option("--n-layer <n>", "number of layers", intArg("--n-layer", 1, MODEL_LIMITS.nLayer), D.nLayer)
    .option("--n-head <n>", "number of heads (in a transformer)", intArg("--n-head", 1, MODEL_LIMITS.nHead), D.nHead)
    .option("--n-embd <n>", "number of feature channels in the model", intArg("--n-embd", 1, MODEL_LIMITS.nEmbd), D.nEmbd)
    .option("--n-embd2 <n>", "number of feature channels elsewhere in the model", intArg("--n-embd2", 1, MODEL_LIMITS.nEmbd2), D.nEmbd2)
    .option("-b, --batch-size <n>", "batch size during optimization", intArg("--batch-size", 1, 65536), D.batchSize)
    .option("-l, --learning-rate <lr>", "learning rate", floatArg("--learning-rate", 0, 10, { exclusiveMin: true }), D.learningRate)
    .option("-w, --weight-decay <wd>", "weight decay", floatArg("--weight-decay", 0, 10), D.weightDecay)
    .option(
      "--temperature <t>",
      "sampling temperature",
      floatArg("--temperature", SAMPLING_LIMITS.minTemperature, SAMPLING_LIMITS.maxTemperature),
      D.temperature,
    )
    .option("--num-samples <n>", "samples to print (default: 10 while training, 50 with --sample-only)", intArg("--num-samples", 1, SAMPLING_LIMITS.maxSamples))
    .option("--prefix <text>", "sample words that start with this text")
    .option("--eval-every <n>", "evaluate, checkpoint and sample every n steps", intArg("--eval-every", 1), D.evalEvery)
    .addOption(
      new Option(
        "--precision <p>",
        "activations and their gradients in fp32, or in 16 bits (fp16 with loss scaling, bf16); weights and AdamW state stay float32",
      )
        .choices(PRECISIONS)
        .default(D.precision),
    )
    .option(
      "--activation-checkpointing",
      "keep only each block's input during forward and recompute the block in backward (less memory, more compute)",
      D.activationCheckpointing,
    )
    .option("--workers <n>", "data-parallel worker threads (default: one per core; 1 for the bigram)", intArg("--workers", 1, 64))
    .addOption(
      new Option(
        "--preset <name>",
        "a recipe that beats makemore's in a time budget (quick: 60 s, best: 300 s), applied over the defaults; any flag overrides it",
      ).choices(PRESET_NAMES),
    )
    .option("--dedupe", "drop duplicate lines before the split (makemore keeps them, so its test set holds training words)", D.dedupe)
    .option("--dropout <p>", "dropout probability where each model has it", floatArg("--dropout", 0, 1), D.dropout)
    .addOption(
      new Option(
        "--lr-schedule <name>",
        "constant, or cosine: decay to --min-lr at --max-steps (or, by the clock, at --max-time: not bit-reproducible across machines)",
      )
        .choices(["constant", "cosine"])
        .default(D.lrSchedule),
    )
    .option("--warmup-steps <n>", "steps of linear warmup to the learning rate", intArg("--warmup-steps", 0), D.warmupSteps)
    .option("--min-lr <lr>", "the cosine schedule's floor (default: a tenth of the learning rate)", floatArg("--min-lr", 0))
    .option(
      "--grad-clip <norm>",
      "clip the gradients' total 2-norm to this (torch's clip_grad_norm_)",
      floatArg("--grad-clip", 0, Infinity, { exclusiveMin: true }),
    )
    .option(
      "--ema <decay>",
      "evaluate, sample and keep a moving average of the weights with this decay (e.g. 0.999)",
      floatArg("--ema", 0, 1, { exclusiveMin: true }),
    )
    .option("--track-stats", "record each parameter's update:data ratio (the lecture's log10(std(lr·grad) / std(p))) into metrics.jsonl")
    .option("-q, --quiet", "print evaluations and samples only")
    .action(
      action(async (o: RootOptions, command: Command) => {
        if (o.resume && o.sampleOnly) throw new Error("--resume and --sample-only cannot be used together");
        const sampling = { temperature: o.temperature, topK: o.topK === -1 ? null : o.topK, prefix: o.prefix };
        if (o.sampleOnly) {
          const inputFileGiven = command.getOptionValueSource("inputFile") !== "default";
          await sampleOnly({ inputFile: o.inputFile, inputFileGiven, workDir: o.workDir, seed: o.seed, num: o.numSamples ?? 50, ...sampling });
          return;
        }
        if (o.prefix) throw new Error("--prefix is for --sample-only");
        const given = (k: string) => command.getOptionValueSource(k) === "cli";
        if (o.preset) for (const [k, v] of Object.entries(presetOf(o.preset))) if (!given(k)) (o as Record<string, unknown>)[k] = v;
        const explicit = new Set(RUN_KEYS.filter(given));
        await train({
          ...o,
          resume: !!o.resume,
          force: !!o.force,
          dedupe: !!o.dedupe,
          minLr: o.minLr ?? null,
          gradClip: o.gradClip ?? null,
          ema: o.ema ?? null,
          numSamples: o.numSamples ?? D.numSamples,
          topK: sampling.topK,
          explicit,
        });
      }),
    );
}
