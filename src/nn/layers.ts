import { Tensor } from "../tensor/tensor.js";
import { empty, ones, zeros } from "../tensor/creation.js";
import { linear } from "../tensor/ops/linalg.js";
import { embedding } from "../tensor/ops/indexing.js";
import { layerNorm } from "../tensor/ops/nn.js";
import { Module, parameter } from "./module.js";
export { BatchNorm1d } from "./batchnorm.js";
import { kaimingUniformLinear, normalInit } from "./init.js";

/** nn.Linear: y = x Wᵀ + b, W (out, in). PyTorch's init: kaiming_uniform_(a=√5) on W, then U(±1/√in) on b. */
export class Linear extends Module {
  weight: Tensor;
  bias: Tensor | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    opts: { bias?: boolean } = {},
  ) {
    super();
    this.weight = parameter(empty([outFeatures, inFeatures]));
    this.bias = opts.bias === false ? null : parameter(empty([outFeatures]));
    kaimingUniformLinear(this.weight, this.bias, inFeatures);
  }

  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }
}

/** nn.Embedding: rows of a (num, dim) table, initialised N(0, 1). */
export class Embedding extends Module {
  weight: Tensor;

  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
  ) {
    super();
    this.weight = parameter(empty([numEmbeddings, embeddingDim]));
    normalInit(this.weight);
  }

  forward(idx: Tensor): Tensor {
    return embedding(idx, this.weight);
  }
}

/** nn.LayerNorm over the last dim: weight 1, bias 0, eps 1e-5. */
export class LayerNorm extends Module {
  weight: Tensor;
  bias: Tensor;

  constructor(
    readonly normalizedShape: number,
    readonly eps = 1e-5,
  ) {
    super();
    this.weight = parameter(ones([normalizedShape]));
    this.bias = parameter(zeros([normalizedShape]));
  }

  forward(x: Tensor): Tensor {
    return layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps);
  }
}

export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return x.tanh();
  }
}

/** (N, L, C) → (N, L/n, n·C): concatenates each run of n consecutive positions; a middle dim of 1 is squeezed. */
export class FlattenConsecutive extends Module {
  constructor(readonly n: number) {
    super();
  }

  forward(x: Tensor): Tensor {
    const [N, L, C] = x.shape;
    if (L % this.n !== 0) throw new Error(`FlattenConsecutive(${this.n}): length ${L} is not divisible by ${this.n}`);
    const y = x.view([N, L / this.n, C * this.n]);
    return y.shape[1] === 1 ? y.squeeze(1) : y;
  }
}

export interface Forward {
  forward(x: Tensor): Tensor;
}

/** nn.Sequential: children named 0, 1, 2, … applied in order. */
export class Sequential extends Module {
  layers: (Module & Forward)[];

  constructor(...layers: (Module & Forward)[]) {
    super();
    this.layers = layers;
  }

  override namedChildren(): [string, Module][] {
    return this.layers.map((m, i) => [String(i), m]);
  }

  forward(x: Tensor): Tensor {
    for (const l of this.layers) x = l.forward(x);
    return x;
  }
}
