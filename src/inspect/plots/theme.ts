/** What every plot shares: the one bundled font, a white background, readable sizes. */
export const FONT = "DejaVu Sans";

export const config = {
  font: FONT,
  background: "white",
  padding: 12,
  title: { fontSize: 15, fontWeight: "normal", anchor: "start", offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", gridColor: "#e6e6e6" },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", labelLimit: 0 },
  view: { stroke: "#bbbbbb" },
} as const;

/** A Vega-Lite spec as plain JSON (the renderer compiles it; a page can hand it to vega-embed). */
export type VegaLiteSpec = Record<string, unknown>;

export const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

export function spec(body: Record<string, unknown>): VegaLiteSpec {
  return { $schema: SCHEMA, config, ...body };
}
