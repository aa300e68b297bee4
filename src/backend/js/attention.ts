import type { F32 } from "../kernels/index.js";

export function attention(out: F32, att: F32, qkv: F32, B: number, T: number, C: number, nh: number): void {
  attentionMasked(out, att, qkv, null, B, T, C, nh);
}

export function attentionDropout(out: F32, att: F32, qkv: F32, mask: F32, B: number, T: number, C: number, nh: number): void {
  attentionMasked(out, att, qkv, mask, B, T, C, nh);
}

/** The probabilities p into att; out = (p ⊙ mask) · v, or p · v without a mask. */
function attentionMasked(out: F32, att: F32, qkv: F32, mask: F32 | null, B: number, T: number, C: number, nh: number): void {
  const hs = C / nh;
  const scale = 1 / Math.sqrt(hs);
  const C3 = 3 * C;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nh; h++) {
      const a0 = (b * nh + h) * T * T;
      for (let t = 0; t < T; t++) {
        const q = b * T * C3 + t * C3 + h * hs;
        const row = a0 + t * T;
        let max = -Infinity;
        for (let s = 0; s <= t; s++) {
          const k = b * T * C3 + s * C3 + C + h * hs;
          let dot = 0;
          for (let d = 0; d < hs; d++) dot += qkv[q + d] * qkv[k + d];
          dot *= scale;
          att[row + s] = dot;
          if (dot > max) max = dot;
        }
        let sum = 0;
        for (let s = 0; s <= t; s++) {
          const e = Math.exp(att[row + s] - max);
          att[row + s] = e;
          sum += e;
        }
        const inv = 1 / sum;
        for (let s = 0; s <= t; s++) att[row + s] *= inv;
        for (let s = t + 1; s < T; s++) att[row + s] = 0;
        const o = b * T * C + t * C + h * hs;
        for (let d = 0; d < hs; d++) {
          let acc = 0;
          for (let s = 0; s <= t; s++) acc += (mask ? att[row + s] * mask[row + s] : att[row + s]) * qkv[b * T * C3 + s * C3 + 2 * C + h * hs + d];
          out[o + d] = acc;
        }
      }
    }
  }
}

export function attentionBackward(dqkv: F32, dout: F32, qkv: F32, att: F32, B: number, T: number, C: number, nh: number): void {
  attentionMaskedBackward(dqkv, dout, qkv, att, null, B, T, C, nh);
}

export function attentionDropoutBackward(dqkv: F32, dout: F32, qkv: F32, att: F32, mask: F32, B: number, T: number, C: number, nh: number): void {
  attentionMaskedBackward(dqkv, dout, qkv, att, mask, B, T, C, nh);
}

// With p = att[t, ·], a = p ⊙ mask (p without one) and dp[t, s] = mask[t, s] · dout_t · v_s:
//   dv_s += Σ_t a[t, s] dout_t;   dpre[t, s] = p[t, s] (dp[t, s] - Σ_s' p[t, s'] dp[t, s'])
//   dq_t = scale Σ_s dpre[t, s] k_s;   dk_s += scale Σ_t dpre[t, s] q_t
function attentionMaskedBackward(dqkv: F32, dout: F32, qkv: F32, att: F32, mask: F32 | null, B: number, T: number, C: number, nh: number): void {
  const hs = C / nh;
  const scale = 1 / Math.sqrt(hs);
  const C3 = 3 * C;
  dqkv.fill(0, 0, B * T * C3);
  const dp = new Float64Array(T);
  for (let b = 0; b < B; b++) {
    const base = b * T * C3;
    for (let h = 0; h < nh; h++) {
      const a0 = (b * nh + h) * T * T;
      for (let t = 0; t < T; t++) {
        const row = a0 + t * T;
        const go = b * T * C + t * C + h * hs;
        let dot = 0;
        for (let s = 0; s <= t; s++) {
          const v = base + s * C3 + 2 * C + h * hs;
          const m = mask ? mask[row + s] : 1;
          const a = mask ? att[row + s] * m : att[row + s];
          let acc = 0;
          for (let d = 0; d < hs; d++) {
            acc += dout[go + d] * qkv[v + d];
            dqkv[v + d] += a * dout[go + d];
          }
          if (mask) acc *= m;
          dp[s] = acc;
          dot += att[row + s] * acc;
        }
        const q = base + t * C3 + h * hs;
        for (let s = 0; s <= t; s++) {
          const dpre = att[row + s] * (dp[s] - dot) * scale;
          const k = base + s * C3 + C + h * hs;
          for (let d = 0; d < hs; d++) {
            dqkv[q + d] += dpre * qkv[k + d];
            dqkv[k + d] += dpre * qkv[q + d];
          }
        }
      }
    }
  }
}

export function attentionDecode(out: F32, qkv: F32, kcache: F32, vcache: F32, rows: number, C: number, nh: number, t: number, Tmax: number): void {
  const hs = C / nh;
  const scale = 1 / Math.sqrt(hs);
  const p = new Float64Array(t + 1);
  for (let r = 0; r < rows; r++) {
    for (let h = 0; h < nh; h++) {
      const q = r * 3 * C + h * hs;
      const cache = (r * nh + h) * Tmax * hs;
      kcache.set(qkv.subarray(q + C, q + C + hs), cache + t * hs);
      vcache.set(qkv.subarray(q + 2 * C, q + 2 * C + hs), cache + t * hs);
      let max = -Infinity;
      for (let s = 0; s <= t; s++) {
        let dot = 0;
        for (let d = 0; d < hs; d++) dot += qkv[q + d] * kcache[cache + s * hs + d];
        p[s] = dot * scale;
        if (p[s] > max) max = p[s];
      }
      let sum = 0;
      for (let s = 0; s <= t; s++) sum += p[s] = Math.exp(p[s] - max);
      const o = r * C + h * hs;
      for (let d = 0; d < hs; d++) {
        let acc = 0;
        for (let s = 0; s <= t; s++) acc += p[s] * vcache[cache + s * hs + d];
        out[o + d] = acc / sum;
      }
    }
  }
}

export function causalMean(out: F32, x: F32, w: F32, B: number, T: number, C: number): void {
  const acc = new Float64Array(C);
  for (let b = 0; b < B; b++) {
    acc.fill(0);
    for (let t = 0; t < T; t++) {
      const row = (b * T + t) * C;
      for (let j = 0; j < C; j++) out[row + j] = (acc[j] += x[row + j]) * w[t];
    }
  }
}

export function causalMeanBackward(dx: F32, dout: F32, w: F32, B: number, T: number, C: number): void {
  const acc = new Float64Array(C);
  for (let b = 0; b < B; b++) {
    acc.fill(0);
    for (let t = T - 1; t >= 0; t--) {
      const row = (b * T + t) * C;
      for (let j = 0; j < C; j++) dx[row + j] = acc[j] += w[t] * dout[row + j];
    }
  }
}
