import { Command } from "commander";

/** `makemore bigram …`: the counting notebook (placeholder until the bigram commands land). */
export function bigramCommand(): Command {
  return new Command("bigram").description("the bigram notebook: counts, heatmap, sample, nll, train");
}
