import type { DeadUnitMask } from "../stats.js";
import type { EmbeddingProjection } from "../projection.js";
import { type VegaLiteSpec, spec } from "./theme.js";

/** The lecture's imshow(h.abs() > 0.99, cmap='gray'): white where a unit is saturated; an all-white column is a dead neuron. */
export function deadUnitSpec(m: DeadUnitMask, title = "tanh saturation: |h| > 0.99"): VegaLiteSpec {
  const values: { unit: number; row: number }[] = [];
  for (let r = 0; r < m.rows; r++) for (let u = 0; u < m.units; u++) if (m.mask[r * m.units + u]) values.push({ unit: u, row: r });
  const cell = Math.max(3, Math.min(12, Math.floor(900 / m.units)));
  const ticks = (n: number) => Array.from({ length: n }, (_, i) => i).filter((i) => i % Math.max(1, Math.ceil(n / 10)) === 0);
  return spec({
    title: `${title} (white: saturated, ${((100 * values.length) / (m.rows * m.units)).toFixed(1)}% of cells; dead units, white columns: ${m.deadUnits.length})`,
    width: cell * m.units,
    height: cell * m.rows,
    data: { values },
    mark: { type: "rect", color: "white" },
    encoding: {
      x: {
        field: "unit",
        type: "ordinal",
        title: "hidden unit",
        scale: { domain: ticks(m.units).length ? Array.from({ length: m.units }, (_, i) => i) : [] },
        axis: { values: ticks(m.units), labelAngle: 0 },
      },
      y: {
        field: "row",
        type: "ordinal",
        title: "example in the batch",
        scale: { domain: Array.from({ length: m.rows }, (_, i) => i) },
        axis: { values: ticks(m.rows) },
      },
    },
    config: { view: { fill: "black", stroke: "#888" } },
  });
}

export interface EmbeddingPoint {
  label: string;
  x: number;
  y: number;
}

/** The embedding in 2-D, each dot labelled with its character (the lecture's scatter of C[:,0] vs C[:,1]). */
export function embeddingSpec(points: readonly EmbeddingPoint[], axes: { title: string; x: string; y: string }): VegaLiteSpec {
  const x = { field: "x", type: "quantitative", title: axes.x };
  const y = { field: "y", type: "quantitative", title: axes.y };
  // a page that draws the spec (vega-embed) shows these on hover; the SVG ignores them
  const enc = {
    x,
    y,
    tooltip: [
      { field: "label", type: "nominal", title: "character" },
      { ...x, format: ".3f" },
      { ...y, format: ".3f" },
    ],
  };
  return spec({
    title: axes.title,
    width: 560,
    height: 560,
    data: { values: points },
    layer: [
      { mark: { type: "circle", size: 520, color: "#1f77b4", opacity: 0.9 }, encoding: enc },
      { mark: { type: "text", color: "white", fontSize: 14, baseline: "middle", align: "center" }, encoding: { ...enc, text: { field: "label" } } },
    ],
  });
}

/** An embeddingProjection drawn with axes that say what they are: the two dims, or the principal components and their share of the variance. */
export function embeddingProjectionSpec(e: EmbeddingProjection, title?: string): VegaLiteSpec {
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  const axes =
    e.method === "dims" || !e.explained
      ? { title: "token embedding: dimension 0 against dimension 1", x: "dimension 0", y: "dimension 1" }
      : {
          title: `token embedding, first two principal components (${pct(e.explained[0] + e.explained[1])} of the variance)`,
          x: `PC 1 (${pct(e.explained[0])})`,
          y: `PC 2 (${pct(e.explained[1])})`,
        };
  return embeddingSpec(e.points, { ...axes, title: title ?? axes.title });
}

export interface AttentionMapData {
  /** the characters at each position of the input, the start token first */
  tokens: string[];
  /** [layer][head][query][key] */
  maps: number[][][][];
}

/**
 * Attention weights, one T × T map per layer (rows) and head (columns); each row is a query
 * position. `cell` sets a map cell's size in pixels (a page with room to spare draws it larger).
 */
export function attentionSpec(a: AttentionMapData, word: string, opts: { cell?: number } = {}): VegaLiteSpec {
  const T = a.tokens.length;
  const label = (i: number) => `${i} ${a.tokens[i]}`;
  const values = a.maps.flatMap((heads, layer) =>
    heads.flatMap((rows, head) =>
      rows.flatMap((row, q) =>
        row.slice(0, q + 1).map((w, k) => ({ layer: `layer ${layer}`, head: `head ${head}`, query: label(q), key: label(k), weight: w })),
      ),
    ),
  );
  const order = Array.from({ length: T }, (_, i) => label(i));
  const cell = opts.cell ?? Math.max(10, Math.min(22, Math.floor(180 / T)));
  return spec({
    title: `attention of "${word}" (row: query position, column: key position it reads)`,
    data: { values },
    facet: {
      row: { field: "layer", type: "nominal", title: null, sort: a.maps.map((_, l) => `layer ${l}`) },
      column: { field: "head", type: "nominal", title: null, sort: (a.maps[0] ?? []).map((_, h) => `head ${h}`) },
    },
    spec: {
      width: cell * T,
      height: cell * T,
      mark: "rect",
      encoding: {
        x: { field: "key", type: "ordinal", sort: order, title: "key", axis: { labelAngle: 0, labelFontSize: 9 } },
        y: { field: "query", type: "ordinal", sort: order, title: "query", axis: { labelFontSize: 9 } },
        color: { field: "weight", type: "quantitative", title: "weight", scale: { scheme: "viridis", domain: [0, 1] } },
        tooltip: [
          { field: "layer", type: "nominal" },
          { field: "head", type: "nominal" },
          { field: "query", type: "ordinal", title: "query (reads)" },
          { field: "key", type: "ordinal", title: "key (is read)" },
          { field: "weight", type: "quantitative", format: ".3f" },
        ],
      },
    },
    resolve: { scale: { color: "shared" } },
  });
}
