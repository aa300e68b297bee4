// Node only: every diagnostic of an inspect report as SVG + PNG files in a directory.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { InspectReport } from "../inspect-model.js";
import { activationHistogramSpec, gradientHistogramSpec, updateRatioSpec, weightGradientSpec } from "./distribution-specs.js";
import { attentionSpec, deadUnitSpec, embeddingProjectionSpec } from "./map-specs.js";
import { writePlot } from "./render.js";

/** Writes the plots and report.json; returns the files' base names. */
export async function writeInspectPlots(report: InspectReport, dir: string, word?: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const put = async (spec: Record<string, unknown>, name: string) => {
    await writePlot(spec, dir, name);
    written.push(name);
  };
  const label = (s: { name: string }) => s.name;
  if (report.activations.length) {
    await put(activationHistogramSpec(report.activations.map((s) => ({ ...s, label: label(s) }))), "activations");
    await put(gradientHistogramSpec(report.gradients.map((s) => ({ ...s, label: label(s) }))), "gradients");
  }
  await put(weightGradientSpec(report.weights), "weight-gradients");
  if (report.updateRatios.length) await put(updateRatioSpec(report.updateRatios), "update-ratio");
  if (report.dead) await put(deadUnitSpec(report.dead, `${report.dead.name}: |h| > 0.99`), "dead-units");
  if (report.embedding) await put(embeddingProjectionSpec(report.embedding), "embedding");
  if (report.attention && word !== undefined) await put(attentionSpec(report.attention, word), "attention");
  const { dead, ...rest } = report;
  const json = { ...rest, dead: dead && { ...dead, mask: undefined } };
  writeFileSync(join(dir, "report.json"), JSON.stringify(json) + "\n");
  return written;
}
