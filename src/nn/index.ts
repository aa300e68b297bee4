export { Module, parameter, buffer, isParameter } from "./module.js";
export { Linear, Embedding, LayerNorm, BatchNorm1d, Tanh, FlattenConsecutive, Sequential, type Forward } from "./layers.js";
export { kaimingUniformLinear, normalInit, withoutInit } from "./init.js";
export { Dropout, dropout, setDropoutGenerator, type DropoutOptions } from "./dropout.js";
export { withDropoutShard, type DropoutShard } from "./dropout-shard.js";
export { calculateGain, calculateFanInAndFanOut, kaimingNormal_, kaimingUniform_, type KaimingOptions, type Nonlinearity } from "./init-functions.js";
export * as F from "./functional.js";
