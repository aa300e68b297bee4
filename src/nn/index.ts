export { Module, parameter, buffer, isParameter } from "./module.js";
export { Linear, Embedding, LayerNorm, BatchNorm1d, Tanh, FlattenConsecutive, Sequential, type Forward } from "./layers.js";
export { kaimingUniformLinear, normalInit, withoutInit } from "./init.js";
export { clipGradNorm_ } from "./clip-grad.js";
