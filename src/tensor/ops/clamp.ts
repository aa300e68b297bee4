import { Tensor } from "../tensor.js";
import { isFloating } from "../dtype.js";
import { record } from "../autograd.js";
import { mul } from "./pointwise.js";

/** torch.clamp: NaN stays NaN, and where min > max every value becomes max. */
export function clamp(x: Tensor, opts: { min?: number; max?: number }): Tensor {
  const { min, max } = opts;
  if (min === undefined && max === undefined) throw new Error("clamp: at least one of min or max must be given");
  const src = x.flat();
  const dtype = isFloating(x.dtype) || ((min === undefined || Number.isInteger(min)) && (max === undefined || Number.isInteger(max))) ? x.dtype : "float32";
  const out = Tensor.empty(x.shape, dtype);
  const o = out.storage;
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    o[i] = v !== v ? v : v < lo ? lo : v > hi ? hi : v; // torch: min wins if min > max
    if (lo > hi) o[i] = v !== v ? v : hi;
  }
  // the gradient passes where min <= x <= max
  return record(out, "ClampBackward1", [x], (g) => {
    const m = Tensor.empty(x.shape, "float32");
    for (let i = 0; i < src.length; i++) m.storage[i] = src[i] >= lo && src[i] <= hi ? 1 : 0;
    return [mul(g, m)];
  });
}
