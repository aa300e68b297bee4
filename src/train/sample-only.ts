import { readWordsFile } from "../data/read-words-file.js";
import { readWorkDirModel } from "./workdir.js";
import { checkSampleOptions } from "../sample/generate.js";
import { sampleAsMakemore } from "../sample/as-makemore.js";
import { formatGroupedSamples, formatUngroupedSamples } from "./samples-report.js";

export interface SampleOnlyOptions {
  inputFile: string;
  /** false when inputFile is only the default (the bundled names), not a file the user named */
  inputFileGiven?: boolean;
  workDir: string;
  seed: number;
  num: number;
  temperature: number;
  topK: number | null;
  prefix?: string;
}

/**
 * makemore --sample-only: samples grouped as in train / in test / new (sampleAsMakemore draws
 * them in makemore's order). A model trained on another file than the default input still
 * samples, ungrouped.
 */
export async function sampleOnly(o: SampleOnlyOptions): Promise<void> {
  const saved = readWorkDirModel(o.workDir);
  checkSampleOptions(saved.vocab, { num: o.num, temperature: o.temperature, topK: o.topK, prefix: o.prefix });
  const words = readWordsFile(o.inputFile);
  const s = sampleAsMakemore(saved, words, o);
  if (s.ungroupedBecause && o.inputFileGiven !== false) throw new Error(`${o.inputFile}: ${s.ungroupedBecause}`);
  console.log(
    s.groups
      ? formatGroupedSamples(s.groups)
      : formatUngroupedSamples(s.words, "pass -i with the file the model was trained on to group them as in train / in test / new"),
  );
}
