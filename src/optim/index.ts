export { AdamW, type AdamWOptions } from "./adamw.js";
export { SGD } from "./sgd.js";
export {
  constantLR,
  cosineLR,
  cosineLRByTime,
  cosineCurve,
  type LRSchedule,
  type TimedLRSchedule,
  type WarmupOptions,
  type CosineLROptions,
  type TimedCosineLROptions,
} from "./schedule.js";
export {
  clipGradNorm_,
  clipGradNormSharded_,
  clipCoefficient,
  gradSquaredSum,
  normFromSquaredSum,
  scaleGrads_,
  torchNorm2F32,
  type ClipGradNormOptions,
} from "./clip-grad.js";
export { EMA, type EMAOptions, type EMAState } from "./ema.js";
export { GradScaler, unscaleFlat_, hasNonFinite, type GradScalerOptions, type GradScalerState, type ScalableOptimizer } from "./grad-scaler.js";
