import { Command } from "commander";
import { action, floatArg, intArg } from "./errors.js";
import { readWordsFile } from "../data/read-words-file.js";
import { MODEL_TYPES, isModelType } from "../models/index.js";
import { MODEL_LIMITS } from "../models/limits.js";
import { MAKEMORE_DEFAULTS as D } from "../train/defaults.js";
import { lrFindOnWords } from "../inspect/lr-find.js";
import { bundledNamesPath } from "./paths.js";

interface Options {
  inputFile: string;
  type: string;
  steps: number;
  lo: number;
  hi: number;
  optimizer: string;
  batchSize: number;
  seed: number;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  nEmbd2: number;
  plots?: string;
}

/** `makemore lr-find -i FILE --type mlp`: the lecture's learning-rate finder on a fresh model (the playground's LR finder runs the same). */
export function lrFindCommand(): Command {
  return new Command("lr-find")
    .description("train a fresh model for k steps at lr = 10^linspace(lo, hi, k) and print (and plot) the loss against the learning rate")
    .option("-i, --input-file <file>", "the words to train on", bundledNamesPath())
    .option("--type <type>", `model type: ${MODEL_TYPES.join(", ")}`, "mlp")
    .option("--steps <k>", "steps, one learning rate each", intArg("--steps", 2, 1_000_000), 1000)
    .option("--lo <log10>", "log10 of the first learning rate", floatArg("--lo", -20, 20), -3)
    .option("--hi <log10>", "log10 of the last learning rate", floatArg("--hi", -20, 20), 0)
    .option("--optimizer <name>", "sgd (the lecture) or adamw (makemore's training)", "sgd")
    .option("-b, --batch-size <n>", "batch size", intArg("--batch-size", 1, 4096), 32)
    .option("--seed <n>", "seeds the split and the initial weights", intArg("--seed", 0, 2 ** 53), D.seed)
    .option("--n-layer <n>", "number of layers", intArg("--n-layer", 1, MODEL_LIMITS.nLayer), D.nLayer)
    .option("--n-head <n>", "number of heads (in a transformer)", intArg("--n-head", 1, MODEL_LIMITS.nHead), D.nHead)
    .option("--n-embd <n>", "number of feature channels in the model", intArg("--n-embd", 1, MODEL_LIMITS.nEmbd), D.nEmbd)
    .option("--n-embd2 <n>", "number of feature channels elsewhere in the model", intArg("--n-embd2", 1, MODEL_LIMITS.nEmbd2), D.nEmbd2)
    .option("--plots <dir>", "also write lr-find.svg and lr-find.png here")
    .action(
      action(async (o: Options) => {
        if (!isModelType(o.type)) throw new Error(`--type must be one of ${MODEL_TYPES.join(", ")}, got '${o.type}'`);
        if (o.optimizer !== "sgd" && o.optimizer !== "adamw") throw new Error(`--optimizer must be sgd or adamw, got '${o.optimizer}'`);
        if (!(o.lo < o.hi)) throw new Error(`--lo (${o.lo}) must be below --hi (${o.hi})`);
        const { points, suggested, parameters } = lrFindOnWords(readWordsFile(o.inputFile), {
          type: o.type,
          nLayer: o.nLayer,
          nHead: o.nHead,
          nEmbd: o.nEmbd,
          nEmbd2: o.nEmbd2,
          seed: o.seed,
          lo: o.lo,
          hi: o.hi,
          steps: o.steps,
          optimizer: o.optimizer,
          batchSize: o.batchSize,
        });
        console.log(`lr-find: ${o.type} (${parameters} parameters), ${o.optimizer}, ${o.steps} steps, lr 1e${o.lo} → 1e${o.hi}`);
        console.log("        lr     loss");
        const every = Math.max(1, Math.floor(points.length / 20));
        for (let i = 0; i < points.length; i += every) console.log(`${points[i].lr.toExponential(2).padStart(10)}  ${points[i].loss.toFixed(4)}`);
        console.log(`suggested learning rate: ${suggested.lr.toExponential(2)} (smoothed loss ${suggested.loss.toFixed(4)})`);
        if (o.plots) {
          const { writePlot } = await import("../inspect/plots/render.js");
          const { lrFindSpec } = await import("../inspect/plots/curve-specs.js");
          const title = `learning-rate finder: ${o.type}, ${o.optimizer}, loss at step i with lr = 10^linspace(${o.lo}, ${o.hi}, ${o.steps})[i]`;
          const paths = await writePlot(lrFindSpec(points, suggested, title), o.plots, "lr-find");
          console.log(`wrote ${paths.svg} and ${paths.png}`);
        }
      }),
    );
}
