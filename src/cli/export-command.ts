import { writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { action, intArg } from "./errors.js";
import { bundledNamesPath } from "./paths.js";
import { readWordsFile } from "../data/read-words-file.js";
import { buildModel, configFileOf, encodeModelFile } from "../models/checkpoint.js";
import { loadModel } from "../train/workdir.js";
import { EXPORT_DTYPES, type ExportDType, encodeExport } from "../models/export.js";
import { decodeModelWeights } from "../models/model-weights.js";
import { datasetsForModel } from "../train/workdir-data.js";
import { fullLoss } from "../train/evaluate.js";

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** `makemore export -o DIR --dtype f16|bf16|int8 OUT.safetensors`: a compact self-describing model file. */
export function exportCommand(): Command {
  return new Command("export")
    .description(
      "write the work dir's model as one self-describing .safetensors in float16, bfloat16 or int8 (per-row), and report its size and test-loss change",
    )
    .requiredOption("-o, --work-dir <dir>", "the work dir (or .safetensors model file) to export")
    .addOption(new Option("--dtype <dtype>", "storage of the weights").choices(EXPORT_DTYPES).default("f16"))
    .option("-i, --input-file <file>", "the words file the model was trained on (for the test-loss change)", bundledNamesPath())
    .option("--seed <n>", "the seed of the train/test split", intArg("--seed", 0, 2 ** 53), 3407)
    .option("--no-eval", "skip the test-loss comparison")
    .argument("<out>", "the .safetensors file to write")
    .action(
      action(async (out: string, o: { workDir: string; dtype: ExportDType; inputFile: string; seed: number; eval: boolean }) => {
        const loaded = await loadModel(o.workDir);
        const config = configFileOf(loaded.model, loaded.vocab);
        const weights = loaded.model.stateDict();
        const bytes = encodeExport(weights, config, o.dtype);
        const f32Bytes = encodeModelFile(weights, config).length;
        writeFileSync(out, bytes);
        console.log(`wrote ${out}: ${o.dtype}, ${kb(bytes.length)} (float32: ${kb(f32Bytes)}, ${(f32Bytes / bytes.length).toFixed(2)}× smaller)`);
        if (!o.eval) return;
        // the file as a reader gets it back, not the weights in memory
        const back = buildModel(config, decodeModelWeights(bytes, out).weights);
        const { test } = datasetsForModel(readWordsFile(o.inputFile), { vocab: loaded.vocab, blockSize: config.block_size }, o.seed);
        const before = fullLoss(loaded.model, test);
        const after = fullLoss(back.model, test);
        const delta = after - before;
        console.log(`test loss: float32 ${before.toFixed(5)}, ${o.dtype} ${after.toFixed(5)} (${delta >= 0 ? "+" : ""}${delta.toExponential(2)})`);
      }),
    );
}
