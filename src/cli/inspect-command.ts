import { Command } from "commander";
import { action, floatArg, intArg } from "./errors.js";
import { readWordsFile } from "../data/read-words-file.js";
import { loadModel } from "../train/workdir.js";
import { inspectModel } from "../inspect/inspect-model.js";
import { bundledNamesPath } from "./paths.js";

/** `makemore inspect -i FILE -o DIR --plots PLOTS_DIR [--word emma]`: the lectures' diagnostics of a trained model. */
export function inspectCommand(): Command {
  return new Command("inspect")
    .description("plot the lectures' diagnostics of a trained model: activations, gradients, update ratios, saturation, embedding, attention")
    .option("-i, --input-file <file>", "the words to run through the model", bundledNamesPath())
    .requiredOption("-o, --work-dir <dir>", "the work dir with config.json and model.safetensors")
    .requiredOption("--plots <dir>", "where to write the plots (SVG and PNG) and report.json")
    .option("--word <word>", "a word whose attention maps to draw (transformer)", "emma")
    .option("--batch-size <n>", "rows in the inspected batch", intArg("--batch-size", 1, 4096), 32)
    .option("--ud-steps <n>", "SGD steps whose update:data ratios are plotted", intArg("--ud-steps", 0, 100000), 100)
    .option("--lr <rate>", "their learning rate", floatArg("--lr", 0, Infinity, { exclusiveMin: true }), 0.1)
    .action(
      action(async (opts: { inputFile: string; workDir: string; plots: string; word: string; batchSize: number; udSteps: number; lr: number }) => {
        const loaded = await loadModel(opts.workDir);
        const words = readWordsFile(opts.inputFile);
        const report = inspectModel(loaded.model, loaded.vocab, words, { word: opts.word, batchSize: opts.batchSize, udSteps: opts.udSteps, lr: opts.lr });
        const { writeInspectPlots } = await import("../inspect/plots/report-plots.js");
        const written = await writeInspectPlots(report, opts.plots, opts.word);
        console.log(`model: ${loaded.config.type} (${loaded.model.numParameters()} parameters) from ${opts.workDir}`);
        for (const a of report.activations)
          console.log(
            `${a.name.padEnd(34)} mean ${a.mean.toFixed(3).padStart(7)}  std ${a.std.toFixed(3)}${a.saturated === undefined ? "" : `  saturated ${(100 * a.saturated).toFixed(2)}%`}`,
          );
        for (const w of report.weights) console.log(`${w.name.padEnd(34)} (${w.shape.join(", ")}) grad:data ratio ${w.gradDataRatio.toExponential(2)}`);
        if (report.dead) console.log(`dead units (|h| > 0.99 on every row) in ${report.dead.name}: ${report.dead.deadUnits.length} of ${report.dead.units}`);
        console.log(`wrote ${written.map((n) => `${n}.svg/.png`).join(", ")} and report.json to ${opts.plots}`);
      }),
    );
}
