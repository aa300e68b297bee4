import * as mm from "makemore";
import type { Tensor } from "makemore";
import { causalSelfAttention } from "../../src/tensor/ops/fused/attention.js";
import { causalMean } from "../../src/tensor/ops/fused/causal-mean.js";
import { bigramLoss } from "../../src/tensor/ops/fused/bigram-loss.js";
import { runBlock } from "../../src/nn/checkpoint.js";
import { withMemoryPolicy, type MemoryPolicy } from "../../src/tensor/memory-policy.js";
import { Block } from "../../src/models/transformer.js";

/** A Transformer Block through runBlock under a memory policy: the block as one node over x and its weights. */
function block(policy: MemoryPolicy): Case {
  return () => {
    mm.manualSeed(13);
    const b = new Block({ vocabSize: 4, blockSize: 3, nLayer: 1, nHead: 2, nEmbd: 4, nEmbd2: 4 });
    const x = f32([2, 3, 4]);
    return [(xi) => withMemoryPolicy(policy, () => runBlock(b, (h) => b.forward(h), xi)), [x, ...b.parameters()]];
  };
}

/**
 * gradcheck cases for ops whose kernels are float32 only (GEMM, the fused row kernels, the
 * fused model nodes). Finite differences of float32 outputs carry ~1e-7·|out|/eps of rounding
 * noise, so these run with eps 1e-3 and atol/rtol 1e-2 instead of torch's float64 defaults.
 */
export const FLOAT32_TOLERANCE = { eps: 1e-3, atol: 1e-2, rtol: 1e-2 };

const g = new mm.Generator().manualSeed(7);
const f32 = (shape: number[], scale = 1): Tensor => mm.randn(shape, { generator: g }).mul(scale).requiresGrad_();
const param = (shape: number[], scale = 0.5): Tensor => f32(shape, scale);

type Case = () => [(...xs: Tensor[]) => Tensor | Tensor[], Tensor[]];

/** A whole-sequence node: every h_t (the final state is a view of the last, or not differentiable). */
function recurrent(type: "rnn" | "gru" | "lstm"): Case {
  return () => {
    mm.manualSeed(11);
    const model = mm.createModel(type, { vocabSize: 4, blockSize: 3, nLayer: 1, nHead: 1, nEmbd: 3, nEmbd2: 4 }) as mm.RNN;
    const params = model.cell.parameters();
    const x = f32([3, 2, 3]);
    const h = f32([2, 4]);
    const c = f32([2, 4]);
    const fn = () => model.cell.sequence(x, { h, c: type === "lstm" ? c : undefined }).hs;
    return [fn, [x, h, ...(type === "lstm" ? [c] : []), ...params]];
  };
}

export const float32Cases: Record<string, Case> = {
  MmBackward0: () => [(a, b) => a.matmul(b), [f32([3, 4]), f32([4, 2])]],
  BmmBackward0: () => [(a, b) => a.matmul(b), [f32([2, 3, 4]), f32([2, 4, 2])]],
  LinearBackward: () => [(x, w, b) => mm.linear(x, w, b), [f32([2, 3, 4]), param([5, 4]), param([5])]],
  SoftmaxBackward0: () => [(x) => [x.softmax(-1), x.softmax(0)], [f32([3, 4])]],
  LogSoftmaxBackward0: () => [(x) => x.logSoftmax(1), [f32([3, 4])]],
  CrossEntropyBackward: () => [
    (x) => [mm.crossEntropy(x, mm.tensor([1, -1, 3]), { ignoreIndex: -1 }), mm.crossEntropy(x, mm.tensor([0, 2, 3]), { reduction: "none" })],
    [f32([3, 4], 2)],
  ],
  NativeLayerNormBackward0: () => [(x, w, b) => mm.layerNorm(x, 5, w, b), [f32([2, 3, 5]), param([5]), param([5])]],
  GeluBackward0: () => [(x) => [x.gelu(), x.gelu({ approximate: "tanh" })], [f32([8], 2)]],
  ToCopyBackward0: () => [(x) => x.double().mul(x.double()), [f32([4])]],
  EmbeddingBackward0: () => [
    (w) =>
      mm.embedding(
        mm.tensor([
          [0, 2],
          [2, 1],
        ]),
        w,
      ),
    [param([3, 4])],
  ],
  EmbeddingLinearBackward: () => [
    (e, w, b) =>
      mm.embeddingLinear(
        mm.tensor([
          [0, 2],
          [2, 1],
          [1, 1],
        ]),
        e,
        w,
        b,
      ),
    [param([3, 2]), param([4, 4]), param([4])],
  ],
  NativeBatchNormBackward0: () => {
    const bn = new mm.BatchNorm1d(3);
    mm.noGrad(() => {
      bn.weight.copy_(mm.randn([3], { generator: g }));
      bn.bias.copy_(mm.randn([3], { generator: g }));
    });
    return [(x) => bn.forward(x), [f32([2, 4, 3], 2), bn.weight, bn.bias]];
  },
  AttentionBackward: () => [(qkv) => causalSelfAttention(qkv, 2), [f32([2, 3, 12])]],
  CausalMeanBackward: () => [(x) => causalMean(x), [f32([2, 4, 3])]],
  BigramLossBackward: () => [
    (t) =>
      bigramLoss(
        t,
        mm.tensor([
          [0, 1, 2],
          [2, 2, 1],
        ]),
        mm.tensor([
          [1, 2, -1],
          [0, 2, 2],
        ]),
      ),
    [f32([3, 3], 2)],
  ],
  RNNBackward: recurrent("rnn"),
  CheckpointBackward: block({ checkpoint: true, storage: "float32" }),
  // fp16 storage: backward reads the activations rounded to 11 bits, well inside the float32 tolerance
  PackedBlockBackward: block({ checkpoint: false, storage: "float16" }),
  GRUBackward: recurrent("gru"),
  LSTMBackward: recurrent("lstm"),
};
