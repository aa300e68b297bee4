// Part 3's first half: the init cell re-run at each fix, and the first step's forward pass.
import * as mm from "makemore";

export interface InitStage {
  loss: number;
  parameters: number;
  hpreact: mm.TensorStats;
  h: mm.TensorStats;
  /** `h.abs() > 0.99` on the first batch: white columns are dead neurons */
  dead: mm.DeadUnitMask;
}

const [N_EMBD, N_HIDDEN] = [10, 200];

export function stageReport(
  title: string,
  train: { X: mm.Tensor; Y: mm.Tensor },
  scale: { w1: number; b1: number; w2: number; b2: number },
  log: (l: string) => void,
): InitStage {
  const g = new mm.Generator().manualSeed(2147483647);
  const C = mm.randn([27, N_EMBD], { generator: g });
  const W1 = mm.randn([N_EMBD * 3, N_HIDDEN], { generator: g }).mul(scale.w1);
  const b1 = mm.randn([N_HIDDEN], { generator: g }).mul(scale.b1);
  const W2 = mm.randn([N_HIDDEN, 27], { generator: g }).mul(scale.w2);
  const b2 = mm.randn([27], { generator: g }).mul(scale.b2);
  const ix = mm.randint(0, train.X.shape[0], [32], { generator: g });
  const hpreact = C.index(train.X.index(ix)).view([32, -1]).matmul(W1).add(b1);
  const h = hpreact.tanh();
  const loss = mm.F.crossEntropy(h.matmul(W2).add(b2), train.Y.index(ix)).item();
  const stage: InitStage = {
    loss,
    parameters: [C, W1, b1, W2, b2].reduce((n, p) => n + p.numel(), 0),
    hpreact: mm.tensorStats(hpreact),
    h: mm.tensorStats(h, { saturation: 0.97 }),
    dead: mm.deadUnitMask(h, 0.99),
  };
  log(
    `${title}: loss ${loss.toFixed(4)}, h saturated (|h| > 0.97) ${(stage.h.saturated! * 100).toFixed(2)}%, hpreact std ${stage.hpreact.std.toFixed(2)}, dead neurons ${stage.dead.deadUnits.length}`,
  );
  return stage;
}
