export { bigramHeatmapSvg } from "./svg.js";
export { heatmapLayout, MAX_HEATMAP_TOKENS, type HeatmapLayout, type HeatmapCell, type HeatmapOptions } from "./layout.js";
export { bluesColor } from "./colormap.js";
