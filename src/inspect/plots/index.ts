// Vega-Lite specs of the diagnostics: plain JSON, safe anywhere (render.ts draws them in Node).
export { type VegaLiteSpec } from "./theme.js";
export { activationHistogramSpec, gradientHistogramSpec, weightGradientSpec, updateRatioSpec } from "./distribution-specs.js";
export { deadUnitSpec, embeddingSpec, embeddingProjectionSpec, attentionSpec, type EmbeddingPoint, type AttentionMapData } from "./map-specs.js";
export { lrFindSpec, lossPlotSpec, trainingCurveSpec, type LrFindPoint, type LossRecord } from "./curve-specs.js";
