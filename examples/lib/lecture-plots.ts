// Part 3's figures, drawn with the library's Vega-Lite specs: written as SVG and PNG into a directory.
import * as mm from "makemore";

export interface Diagnostics {
  activationStats: (mm.TensorStats & { layer: number })[];
  gradientStats: (mm.TensorStats & { layer: number })[];
  weightStats: mm.WeightGradStats[];
  ud: mm.UpdateRatioSeries[];
  dead: mm.DeadUnitMask;
  deadFixed: mm.DeadUnitMask;
}

export async function plotDiagnostics(dir: string, d: Diagnostics): Promise<void> {
  const tanh = (s: { layer: number }) => `layer ${s.layer} (Tanh)`;
  await mm.writePlot(mm.activationHistogramSpec(d.activationStats.map((s) => ({ ...s, label: tanh(s) }))), dir, "activations");
  await mm.writePlot(mm.gradientHistogramSpec(d.gradientStats.map((s) => ({ ...s, label: tanh(s) }))), dir, "gradients");
  await mm.writePlot(mm.weightGradientSpec(d.weightStats), dir, "weight-gradients");
  await mm.writePlot(mm.updateRatioSpec(d.ud.filter((s) => s.shape.length === 2)), dir, "update-ratio");
  await mm.writePlot(mm.deadUnitSpec(d.dead, "randn init: |h| > 0.99"), dir, "dead-neurons-randn-init");
  await mm.writePlot(mm.deadUnitSpec(d.deadFixed, "Kaiming init: |h| > 0.99"), dir, "dead-neurons-kaiming");
}
