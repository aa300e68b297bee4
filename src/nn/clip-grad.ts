import type { Tensor } from "../tensor/tensor.js";
import { noGrad } from "../tensor/autograd.js";
import { kernels } from "../backend/index.js";

/**
 * torch.nn.utils.clip_grad_norm_ (2-norm): scales every gradient in place by
 * maxNorm / (total + 1e-6) when that is below 1, where total is the 2-norm of all gradients
 * together, and returns total (torch returns it as a 0-d tensor). Parameters without a gradient
 * are skipped. The squares are summed in double, the rest is float32 as in torch; a NaN or
 * infinite norm makes every gradient NaN, as in torch.
 */
export function clipGradNorm_(parameters: Iterable<Tensor>, maxNorm: number): number {
  if (!(maxNorm >= 0)) throw new Error(`clipGradNorm_: maxNorm must be a number ≥ 0, got ${maxNorm}`);
  const grads: Tensor[] = [];
  for (const p of parameters) if (p.grad) grads.push(p.grad);
  let squares = 0;
  for (const g of grads) squares += kernels.sumSquares(g.f32(), g.numel());
  const total = Math.fround(Math.sqrt(squares));
  const coef = Math.fround(maxNorm / Math.fround(total + 1e-6));
  if (coef >= 1) return total; // clamped to 1: nothing changes (a NaN coef goes on, as in torch)
  noGrad(() => {
    for (const g of grads) g.mul_(coef);
  });
  return total;
}
