// The lectures' own layers (parts 3 and 5), written with the library's tensors exactly as the
// notebooks write them with torch's, so the numbers match: each keeps its last output in .out.
import * as mm from "makemore";

export interface Layer {
  out: mm.Tensor | null;
  training?: boolean;
  call(x: mm.Tensor): mm.Tensor;
  parameters(): mm.Tensor[];
}

export class Linear implements Layer {
  weight: mm.Tensor;
  bias: mm.Tensor | null;
  out: mm.Tensor | null = null;

  /** note: kaiming init; without a generator, torch's default one (part 5) */
  constructor(fanIn: number, fanOut: number, opts: { bias?: boolean; generator?: mm.Generator } = {}) {
    this.weight = mm.randn([fanIn, fanOut], { generator: opts.generator }).div(fanIn ** 0.5);
    this.bias = opts.bias === false ? null : mm.zeros([fanOut]);
  }

  call(x: mm.Tensor): mm.Tensor {
    this.out = x.matmul(this.weight);
    if (this.bias) this.out = this.out.add(this.bias);
    return this.out;
  }

  parameters(): mm.Tensor[] {
    return this.bias ? [this.weight, this.bias] : [this.weight];
  }
}

export class BatchNorm1d implements Layer {
  gamma: mm.Tensor;
  beta: mm.Tensor;
  runningMean: mm.Tensor;
  runningVar: mm.Tensor;
  training = true;
  out: mm.Tensor | null = null;

  constructor(
    dim: number,
    readonly eps = 1e-5,
    readonly momentum = 0.1,
  ) {
    this.gamma = mm.ones([dim]);
    this.beta = mm.zeros([dim]);
    this.runningMean = mm.zeros([dim]);
    this.runningVar = mm.ones([dim]);
  }

  call(x: mm.Tensor): mm.Tensor {
    let xmean: mm.Tensor;
    let xvar: mm.Tensor;
    if (this.training) {
      const dim = x.ndim === 2 ? 0 : [0, 1]; // part 5: (N, L, C) inputs normalise over N and L
      xmean = x.mean(dim, { keepdim: true }); // batch mean
      xvar = x.var(dim, { keepdim: true }); // batch variance (unbiased, as torch's x.var)
    } else {
      xmean = this.runningMean;
      xvar = this.runningVar;
    }
    const xhat = x.sub(xmean).div(xvar.add(this.eps).sqrt()); // normalize to unit variance
    this.out = this.gamma.mul(xhat).add(this.beta);
    if (this.training) {
      mm.noGrad(() => {
        this.runningMean = this.runningMean.mul(1 - this.momentum).add(xmean.mul(this.momentum));
        this.runningVar = this.runningVar.mul(1 - this.momentum).add(xvar.mul(this.momentum));
      });
    }
    return this.out;
  }

  parameters(): mm.Tensor[] {
    return [this.gamma, this.beta];
  }
}

export class Tanh implements Layer {
  out: mm.Tensor | null = null;
  call(x: mm.Tensor): mm.Tensor {
    this.out = x.tanh();
    return this.out;
  }
  parameters(): mm.Tensor[] {
    return [];
  }
}

export class Embedding implements Layer {
  weight: mm.Tensor;
  out: mm.Tensor | null = null;
  constructor(numEmbeddings: number, embeddingDim: number) {
    this.weight = mm.randn([numEmbeddings, embeddingDim]);
  }
  call(ix: mm.Tensor): mm.Tensor {
    this.out = this.weight.index(ix);
    return this.out;
  }
  parameters(): mm.Tensor[] {
    return [this.weight];
  }
}

export class FlattenConsecutive implements Layer {
  out: mm.Tensor | null = null;
  constructor(readonly n: number) {}
  call(x: mm.Tensor): mm.Tensor {
    const [B, T, C] = x.shape;
    let y = x.view([B, Math.floor(T / this.n), C * this.n]);
    if (y.shape[1] === 1) y = y.squeeze(1);
    this.out = y;
    return y;
  }
  parameters(): mm.Tensor[] {
    return [];
  }
}

export class Sequential implements Layer {
  out: mm.Tensor | null = null;
  constructor(readonly layers: Layer[]) {}
  call(x: mm.Tensor): mm.Tensor {
    for (const layer of this.layers) x = layer.call(x);
    this.out = x;
    return x;
  }
  parameters(): mm.Tensor[] {
    return this.layers.flatMap((l) => l.parameters());
  }
}
