import type { TensorStats, WeightGradStats } from "../stats.js";
import type { UpdateRatioSeries } from "../update-ratio.js";
import { type VegaLiteSpec, spec } from "./theme.js";

const WIDTH = 760;
const signed = (v: number, digits: number) => (v >= 0 ? "+" : "") + v.toFixed(digits);

interface Series {
  label: string;
  histogram: TensorStats["histogram"];
}

/** Density against value, one line per series (the lecture's plt.plot(hx[:-1], hy) per layer). */
function distributionLines(title: string, xTitle: string, series: readonly Series[], rules: number[] = []): VegaLiteSpec {
  const values = series.flatMap((s) =>
    s.histogram.density.map((d, b) => ({ series: s.label, value: (s.histogram.edges[b] + s.histogram.edges[b + 1]) / 2, density: d })),
  );
  const lines = {
    mark: { type: "line", strokeWidth: 1.4 },
    encoding: {
      x: { field: "value", type: "quantitative", title: xTitle },
      y: { field: "density", type: "quantitative", title: "density" },
      color: { field: "series", type: "nominal", title: null, sort: series.map((s) => s.label), legend: { orient: "bottom", columns: 1 } },
      // on a page (vega-embed): hovering a line names its layer
      tooltip: { field: "series", type: "nominal", title: "layer" },
    },
  };
  const layer: Record<string, unknown>[] = [lines];
  if (rules.length)
    layer.push({
      data: { values: rules.map((x) => ({ x })) },
      mark: { type: "rule", strokeDash: [4, 4], color: "#555" },
      encoding: { x: { field: "x", type: "quantitative" } },
    });
  return spec({ title, width: WIDTH, height: 280, data: { values }, layer });
}

/**
 * One histogram per tanh layer with mean, std and saturated share; dashed lines at ±threshold.
 * Layers measured without a threshold (gelu, which does not saturate) get neither.
 */
export function activationHistogramSpec(layers: readonly (TensorStats & { label: string })[], threshold = 0.97): VegaLiteSpec {
  const series = layers.map((s) => ({
    label: `${s.label}: mean ${signed(s.mean, 2)}, std ${s.std.toFixed(2)}${s.saturated === undefined ? "" : `, saturated ${(s.saturated * 100).toFixed(2)}%`}`,
    histogram: s.histogram,
  }));
  const bounded = layers.some((s) => s.saturated !== undefined);
  const title = bounded ? `activation distribution (dashed: |t| = ${threshold}, saturated beyond)` : "activation distribution";
  return distributionLines(title, "activation value", series, bounded ? [-threshold, threshold] : []);
}

/** The same for each layer's output gradient. */
export function gradientHistogramSpec(layers: readonly (TensorStats & { label: string })[]): VegaLiteSpec {
  const series = layers.map((s) => ({ label: `${s.label}: mean ${signed(s.mean, 6)}, std ${s.std.toExponential(2)}`, histogram: s.histogram }));
  return distributionLines("gradient distribution (of each layer's output)", "gradient value", series);
}

/** Per-parameter weight-gradient histograms, labelled with their grad:data ratios. */
export function weightGradientSpec(weights: readonly WeightGradStats[]): VegaLiteSpec {
  const series = weights.map((w) => ({
    label: `${w.name} (${w.shape.join(", ")}): std ${w.std.toExponential(2)}, grad:data ratio ${w.gradDataRatio.toExponential(2)}`,
    histogram: w.histogram,
  }));
  return distributionLines("weights gradient distribution", "gradient value", series);
}

/**
 * log10(std(lr·grad) / std(p)) per parameter over the steps, with the lecture's line at -3.
 * `steps` gives each value's step when the series do not start at 0 or skip steps (a thinned
 * live run); by default value i is step i.
 */
export function updateRatioSpec(series: readonly UpdateRatioSeries[], opts: { steps?: readonly number[] } = {}): VegaLiteSpec {
  const stepOf = (i: number) => opts.steps?.[i] ?? i;
  const values = series.flatMap((s) =>
    s.values.flatMap((v, i) => (Number.isFinite(v) ? [{ series: `${s.name} (${s.shape.join(", ")})`, step: stepOf(i), ratio: v }] : [])),
  );
  const count = Math.max(1, ...series.map((s) => s.values.length));
  const domain = [stepOf(0), Math.max(stepOf(0) + 1, stepOf(count - 1))];
  return spec({
    title: "update:data ratio per parameter (black line: 1e-3, a healthy rate)",
    width: WIDTH,
    height: 300,
    layer: [
      {
        data: { values },
        mark: { type: "line", strokeWidth: 1.2 },
        encoding: {
          x: { field: "step", type: "quantitative", title: "step", scale: { domain, nice: false } },
          y: { field: "ratio", type: "quantitative", title: "log10(std(lr·grad) / std(p))" },
          color: {
            field: "series",
            type: "nominal",
            title: null,
            sort: series.map((s) => `${s.name} (${s.shape.join(", ")})`),
            legend: { orient: "bottom", columns: 3 },
          },
          tooltip: { field: "series", type: "nominal", title: "parameter" },
        },
      },
      { data: { values: [{ y: -3 }] }, mark: { type: "rule", color: "black", strokeWidth: 1.5 }, encoding: { y: { field: "y", type: "quantitative" } } },
    ],
  });
}
