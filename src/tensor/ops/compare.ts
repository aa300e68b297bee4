import type { Tensor } from "../tensor.js";
import { broadcastShapes } from "../shape.js";
import { expandedFlat } from "./select.js";

/** torch.allclose: |a - b| ≤ atol + rtol·|b| everywhere (broadcasting; NaN equals nothing unless equalNan). */
export function allclose(a: Tensor, b: Tensor, opts: { rtol?: number; atol?: number; equalNan?: boolean } = {}): boolean {
  const rtol = opts.rtol ?? 1e-5;
  const atol = opts.atol ?? 1e-8;
  const shape = broadcastShapes(a.shape, b.shape, "allclose");
  const x = expandedFlat(a, shape);
  const y = expandedFlat(b, shape);
  for (let i = 0; i < x.length; i++) {
    if (x[i] === y[i]) continue;
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) {
      if (opts.equalNan && Number.isNaN(x[i]) && Number.isNaN(y[i])) continue;
      return false;
    }
    if (!(Math.abs(x[i] - y[i]) <= atol + rtol * Math.abs(y[i]))) return false;
  }
  return true;
}

/** torch.equal: the same shape and the same values. */
export function equal(a: Tensor, b: Tensor): boolean {
  if (a.shape.length !== b.shape.length || a.shape.some((s, i) => s !== b.shape[i])) return false;
  const x = a.flat();
  const y = b.flat();
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
