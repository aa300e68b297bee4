import { Tensor } from "../tensor/tensor.js";
import type { Decoder } from "./config.js";
import type { Transformer } from "./transformer.js";

/**
 * KV-cache decoding for the Transformer: each step embeds one token per row, and every layer
 * attends from it to the keys and values cached for the earlier positions.
 */
export function transformerDecoder(model: Transformer, rows: number): Decoder {
  const { nEmbd: C, nHead: nh } = model.config;
  const hs = C / nh;
  const Tmax = model.blockSize;
  const body = model.transformer;
  const keys = body.h.map(() => new Float32Array(rows * nh * Tmax * hs)); // (rows, nh, Tmax, hs)
  const values = body.h.map(() => new Float32Array(rows * nh * Tmax * hs));
  const scores = new Float64Array(Tmax);
  const scale = 1 / Math.sqrt(hs);
  let t = 0;

  /** One query per row against positions 0…t of the cache: (rows, 3C) packed qkv → (rows, C). */
  const attend = (qkv: Float32Array, K: Float32Array, V: Float32Array): Tensor => {
    const out = new Float32Array(rows * C);
    for (let r = 0; r < rows; r++) {
      for (let h = 0; h < nh; h++) {
        const cache = ((r * nh + h) * Tmax) * hs;
        const q = r * 3 * C + h * hs;
        K.set(qkv.subarray(q + C, q + C + hs), cache + t * hs);
        V.set(qkv.subarray(q + 2 * C, q + 2 * C + hs), cache + t * hs);
        let max = -Infinity;
        for (let s = 0; s <= t; s++) {
          let dot = 0;
          for (let d = 0; d < hs; d++) dot += qkv[q + d] * K[cache + s * hs + d];
          scores[s] = dot * scale;
          if (scores[s] > max) max = scores[s];
        }
        let sum = 0;
        for (let s = 0; s <= t; s++) sum += scores[s] = Math.exp(scores[s] - max);
        const o = r * C + h * hs;
        for (let s = 0; s <= t; s++) {
          const p = scores[s] / sum;
          for (let d = 0; d < hs; d++) out[o + d] += p * V[cache + s * hs + d];
        }
      }
    }
    return new Tensor(out, [rows, C]);
  };

  return {
    step(tokens) {
      if (t >= Tmax) throw new Error(`cannot decode past the block size (${Tmax})`);
      let x = body.wte.forward(new Tensor(tokens.slice(), [rows])).add(body.wpe.weight.select(0, t)); // (rows, C)
      body.h.forEach((block, l) => {
        const qkv = block.attn.c_attn.forward(block.ln_1.forward(x)); // (rows, 3C)
        x = x.add(block.attn.c_proj.forward(attend(qkv.flat() as Float32Array, keys[l], values[l])));
        x = x.add(block.mlp.forward(block.ln_2.forward(x)));
      });
      t++;
      return model.lm_head.forward(body.ln_f.forward(x));
    },
  };
}
