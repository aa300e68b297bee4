import type { Tensor } from "../tensor/tensor.js";
import { noGrad } from "../tensor/autograd.js";

/** torch.optim.SGD without momentum: p -= lr · grad. */
export class SGD {
  constructor(
    readonly params: Tensor[],
    public lr: number,
  ) {}

  step(): void {
    noGrad(() => {
      for (const p of this.params) if (p.grad) p.add_(p.grad, { alpha: -this.lr });
    });
  }

  zeroGrad(opts: { setToNone?: boolean } = {}): void {
    for (const p of this.params) {
      if (opts.setToNone === false) p.grad?.zero_();
      else p.grad = null;
    }
  }
}
