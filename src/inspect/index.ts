// Diagnostics of the lectures as plain data (what the plots draw), for any makemore model.
export { tensorStats, weightGradStats, deadUnitMask, type TensorStats, type StatsOptions, type WeightGradStats, type DeadUnitMask } from "./stats.js";
export { UpdateRatioTracker, type UpdateRatioSeries } from "./update-ratio.js";
export * from "./plots/index.js";
export { captureActivations, type CapturedActivation, type Captured } from "./capture.js";
export { embeddingProjection, type EmbeddingProjection } from "./projection.js";
export { lrFind, lrFindOnWords, type LrFindOptions, type LrFindOnWordsOptions, type LrFindResult } from "./lr-find.js";
export { modelEmbedding, attentionMaps, attentionUnavailable } from "./model-views.js";
export { inspectModel, type InspectOptions, type InspectReport } from "./inspect-model.js";
