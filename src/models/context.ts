import { Tensor } from "../tensor/tensor.js";
import { allocStorage } from "../tensor/storage.js";

/**
 * (B, T) → (B, T, k) windows of the k most recent tokens, `blank` before the sequence start.
 * With `newestFirst`, window j holds idx[t - j] (makemore's MLP: roll by j); otherwise it holds
 * idx[t - k + 1 + j], oldest first (the WaveNet's unfold over a padded sequence).
 */
export function contextWindows(idx: Tensor, k: number, blank: number, newestFirst: boolean): Tensor {
  const [B, T] = idx.shape;
  const src = idx.flat();
  const out = allocStorage("int32", B * T * k, true) as Int32Array;
  for (let b = 0; b < B; b++)
    for (let t = 0; t < T; t++)
      for (let j = 0; j < k; j++) {
        const s = newestFirst ? t - j : t - k + 1 + j;
        out[(b * T + t) * k + j] = s >= 0 ? src[b * T + s] : blank;
      }
  return new Tensor(out, [B, T, k]);
}
