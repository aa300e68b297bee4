// Diagnostics of the lectures as plain data (what the plots draw), for any makemore model.
export { tensorStats, weightGradStats, deadUnitMask, type TensorStats, type StatsOptions, type WeightGradStats, type DeadUnitMask } from "./stats.js";
export { UpdateRatioTracker, type UpdateRatioSeries } from "./update-ratio.js";
export * from "./plots/index.js";
