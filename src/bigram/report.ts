/**
 * The lines `makemore bigram …` prints, as functions: the notebook's own print formats where it
 * has one, so a learner can hold the output next to the notebook.
 */
import { scalarTensor } from "../tensor/creation.js";
import { type BigramCounts, distinctBigrams, topBigrams } from "./counts.js";
import { displayChar } from "./display.js";
import type { BigramNll } from "./nll.js";
import { pyFixed, pyRepr } from "./pyformat.js";
import { STOP_CHAR, tokenChar } from "./tokens.js";

/** A float32 value printed as the notebook's 0-d tensor, e.g. `tensor(-559891.7500)`. */
const scalarRepr = (x: number): string => scalarTensor(x, "float32").toString();

export function bigramCountsReport(c: BigramCounts, top: number): string[] {
  const lines = [
    `words: ${c.numWords}`,
    `length: min ${c.minLength}, max ${c.maxLength}`,
    `bigrams: ${c.numBigrams} (with the start/stop token '${STOP_CHAR}'), ${distinctBigrams(c)} distinct`,
    `vocabulary: ${c.size} tokens, '${STOP_CHAR}' = 0 and the sorted characters from 1`,
    "  " + Array.from({ length: c.size }, (_, t) => `${displayChar(tokenChar(c.vocab, t))}=${t}`).join(" "),
  ];
  if (c.vocab.has(STOP_CHAR))
    lines.push(`  note: '${STOP_CHAR}' also occurs inside words (token ${c.vocab.chars.indexOf(STOP_CHAR) + 1}); it prints like the start/stop token`);
  const best = topBigrams(c, top);
  lines.push(`top ${best.length} bigrams:`);
  // the first is the most frequent, so its count is the widest (no Math.max(...spread): it
  // overflows the stack past ~10^5 bigrams)
  const width = best.length ? String(best[0].count).length : 1;
  for (const b of best) lines.push(`  ${[...b.bigram].map(displayChar).join("")}  ${String(b.count).padStart(width)}`);
  return lines;
}

/** `print(f'{ch1}{ch2}: {prob:.4f}, {log_prob}')` for every bigram, as the notebook's loop prints it. */
export function bigramNllTermLines(r: BigramNll): string[] {
  return (r.terms ?? []).map((t) => `${t.bigram}: ${pyFixed(t.prob, 4)}, ${pyRepr(t.logProb)}`);
}

/** `print(f'{log_likelihood=}')`, `print(f'{nll=}')`, `print(f'{nll/n=}')`. */
export function bigramNllSummaryLines(r: BigramNll): string[] {
  return [`log_likelihood=${scalarRepr(r.logLikelihood)}`, `nll=${scalarRepr(r.nll)}`, `nll/n=${scalarRepr(r.meanNll)}`];
}
