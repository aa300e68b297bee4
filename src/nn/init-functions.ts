import type { Tensor } from "../tensor/tensor.js";
import type { Generator } from "../random/generator.js";

/** torch.nn.init's nonlinearity names. */
export type Nonlinearity =
  | "linear"
  | "conv1d"
  | "conv2d"
  | "conv3d"
  | "conv_transpose1d"
  | "conv_transpose2d"
  | "conv_transpose3d"
  | "sigmoid"
  | "tanh"
  | "relu"
  | "leaky_relu"
  | "selu";

/** torch.nn.init.calculate_gain: the std a nonlinearity needs its input scaled by (tanh: 5/3). */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case "linear":
    case "conv1d":
    case "conv2d":
    case "conv3d":
    case "conv_transpose1d":
    case "conv_transpose2d":
    case "conv_transpose3d":
    case "sigmoid":
      return 1;
    case "tanh":
      return 5 / 3;
    case "relu":
      return Math.SQRT2;
    case "leaky_relu": {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case "selu":
      return 3 / 4;
    default:
      throw new Error(`calculateGain: unsupported nonlinearity ${JSON.stringify(nonlinearity)}`);
  }
}

/** torch's _calculate_fan_in_and_fan_out: dim 1 is fan_in, dim 0 fan_out, times the receptive field. */
export function calculateFanInAndFanOut(t: Tensor): { fanIn: number; fanOut: number } {
  if (t.ndim < 2) throw new Error("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  const receptive = t.shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: t.shape[1] * receptive, fanOut: t.shape[0] * receptive };
}

export interface KaimingOptions {
  /** a: the negative slope for leaky_relu (default 0) */
  a?: number;
  /** "fan_in" (default) keeps the forward pass's variance, "fan_out" the backward pass's */
  mode?: "fan_in" | "fan_out";
  /** default "leaky_relu", as torch */
  nonlinearity?: Nonlinearity;
  generator?: Generator;
}

function kaimingStd(t: Tensor, opts: KaimingOptions): number {
  const { fanIn, fanOut } = calculateFanInAndFanOut(t);
  const fan = (opts.mode ?? "fan_in") === "fan_in" ? fanIn : fanOut;
  return calculateGain(opts.nonlinearity ?? "leaky_relu", opts.a ?? 0) / Math.sqrt(fan);
}

/**
 * torch.nn.init.kaiming_normal_: N(0, gain/√fan) in place (He et al. 2015). fan_in is dim 1, so
 * for the lectures' (fan_in, fan_out) matrices used as x @ W, fan_in is mode "fan_out".
 */
export function kaimingNormal_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  return t.normal_({ mean: 0, std: kaimingStd(t, opts), generator: opts.generator });
}

/** torch.nn.init.kaiming_uniform_: U(±√3·gain/√fan) in place. */
export function kaimingUniform_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd(t, opts);
  return t.uniform_({ from: -bound, to: bound, generator: opts.generator });
}
