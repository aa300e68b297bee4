import type { CharDataset } from "../data/dataset.js";

/** Samples grouped as makemore prints them: those in the training set, those in the test set, and new ones. */
export function groupSamples(words: readonly string[], train: CharDataset, test: CharDataset): { inTrain: string[]; inTest: string[]; fresh: string[] } {
  const inTrain: string[] = [];
  const inTest: string[] = [];
  const fresh: string[] = [];
  for (const w of words) (train.contains(w) ? inTrain : test.contains(w) ? inTest : fresh).push(w);
  return { inTrain, inTest, fresh };
}

/** makemore's print_samples layout: samples grouped as in train / in test / new, between rules. */
export function formatSamples(words: readonly string[], train: CharDataset, test: CharDataset): string {
  return formatGroupedSamples(groupSamples(words, train, test));
}

/** The same layout for samples already grouped. */
export function formatGroupedSamples({ inTrain, inTest, fresh }: { inTrain: readonly string[]; inTest: readonly string[]; fresh: readonly string[] }): string {
  const lines = ["-".repeat(80)];
  for (const [list, desc] of [
    [inTrain, "in train"],
    [inTest, "in test"],
    [fresh, "new"],
  ] as const) {
    lines.push(`${list.length} samples that are ${desc}:`);
    lines.push(...list);
  }
  lines.push("-".repeat(80));
  return lines.join("\n");
}

/** Samples between the same rules, when the words the model was trained on are not at hand. */
export function formatUngroupedSamples(words: readonly string[], why: string): string {
  return ["-".repeat(80), `${words.length} samples (${why}):`, ...words, "-".repeat(80)].join("\n");
}
