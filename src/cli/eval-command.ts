import { Command } from "commander";
import { action, intArg } from "./errors.js";
import { readWordsFile } from "../data/read-words-file.js";
import { loadModel } from "../train/workdir.js";
import { datasetsForModel } from "../train/workdir-data.js";
import { fullLoss } from "../train/evaluate.js";
import { bundledNamesPath } from "./paths.js";
import { MAKEMORE_DEFAULTS as D } from "../train/defaults.js";

/** `makemore eval -i FILE -o DIR`: the full train and test loss of the saved model. */
export function evalCommand(): Command {
  return new Command("eval")
    .description("print the full train and test loss (nats per character) of the model saved in a work dir")
    .option("-i, --input-file <file>", "the words file the model was trained on", bundledNamesPath())
    .requiredOption("-o, --work-dir <dir>", "the work dir with config.json and model.safetensors")
    .option("--seed <n>", "the seed of the train/test split", intArg("--seed", 0, 2 ** 53), D.seed)
    .action(
      action(async (opts: { inputFile: string; workDir: string; seed: number }) => {
        const loaded = await loadModel(opts.workDir);
        const { train, test } = datasetsForModel(readWordsFile(opts.inputFile), { vocab: loaded.vocab, blockSize: loaded.config.block_size }, opts.seed);
        const t0 = performance.now();
        const trainLoss = fullLoss(loaded.model, train);
        const testLoss = fullLoss(loaded.model, test);
        console.log(`model: ${loaded.config.type} (${loaded.model.numParameters()} parameters) from ${opts.workDir}`);
        console.log(`train loss: ${trainLoss.toFixed(4)} (${train.length} words)`);
        console.log(`test loss: ${testLoss.toFixed(4)} (${test.length} words)`);
        console.log(`evaluated in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
      }),
    );
}
