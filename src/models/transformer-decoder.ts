import { Tensor } from "../tensor/tensor.js";
import { withAllocator } from "../tensor/storage.js";
import { regionAllocator } from "../backend/scratch.js";
import { kernels } from "../backend/index.js";
import type { Decoder } from "./config.js";
import type { Transformer } from "./transformer.js";

/**
 * KV-cache decoding for the Transformer: each step embeds one token per row, and every layer
 * attends from it to the keys and values cached for the earlier positions (one fused kernel).
 */
export function transformerDecoder(model: Transformer, rows: number): Decoder {
  const { nEmbd: C, nHead: nh } = model.config;
  const Tmax = model.blockSize;
  const body = model.transformer;
  const cache = regionAllocator();
  const [keys, values] = withAllocator(cache, () => [0, 1].map(() => body.h.map(() => Tensor.zeros([rows, nh, Tmax, C / nh]).f32())));
  let t = 0;
  return {
    step(tokens) {
      if (t >= Tmax) throw new Error(`cannot decode past the block size (${Tmax})`);
      let x = body.wte.forward(new Tensor(tokens.slice(), [rows])).add(body.wpe.weight.select(0, t)); // (rows, C)
      body.h.forEach((block, l) => {
        const qkv = block.attn.c_attn.forward(block.ln_1.forward(x)); // (rows, 3C)
        const y = Tensor.empty([rows, C]);
        kernels.attentionDecode(y.f32(), qkv.f32(), keys[l], values[l], rows, C, nh, t, Tmax);
        x = x.add(block.attn.c_proj.forward(y));
        x = x.add(block.mlp.forward(block.ln_2.forward(x)));
      });
      t++;
      return model.lm_head.forward(body.ln_f.forward(x));
    },
    dispose: () => cache.release(),
  };
}
