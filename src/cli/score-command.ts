import { Command } from "commander";
import { action } from "./errors.js";
import { loadModel } from "../train/workdir.js";
import { score } from "../sample/index.js";

/** `makemore score -o DIR WORD…`: each word's NLL and perplexity under the saved model. */
export function scoreCommand(): Command {
  return new Command("score")
    .description("print each word's negative log-likelihood (nats per character, end included) and perplexity")
    .requiredOption("-o, --work-dir <dir>", "the work dir with config.json and model.safetensors")
    .argument("<words...>", "the words to score")
    .action(
      action(async (words: string[], opts: { workDir: string }) => {
        const loaded = await loadModel(opts.workDir);
        const scores = score(loaded, words);
        const width = Math.max(4, ...words.map((w) => Array.from(w).length));
        console.log(`${"word".padEnd(width)}  nll/char  perplexity`);
        for (const s of scores) console.log(`${s.word.padEnd(width)}  ${s.nll.toFixed(4).padStart(8)}  ${s.perplexity.toFixed(3).padStart(10)}`);
      }),
    );
}
