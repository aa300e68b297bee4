import { Tensor } from "../tensor/tensor.js";
import type { Decoder } from "./config.js";

/**
 * A decoder for models that read a fixed window of recent tokens (MLP, WaveNet): it keeps each
 * row's last k tokens (blank before the start) and runs the model's per-window head on them.
 */
export function windowDecoder(rows: number, k: number, blank: number, newestFirst: boolean, head: (windows: Tensor) => Tensor): Decoder {
  const win = new Int32Array(rows * k).fill(blank);
  return {
    step(tokens) {
      for (let r = 0; r < rows; r++) {
        const o = r * k;
        if (newestFirst) {
          win.copyWithin(o + 1, o, o + k - 1);
          win[o] = tokens[r];
        } else {
          win.copyWithin(o, o + 1, o + k);
          win[o + k - 1] = tokens[r];
        }
      }
      return head(new Tensor(win.slice(), [rows, k]));
    },
    dispose() {},
  };
}
