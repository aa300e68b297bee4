// Causal multi-head self-attention on packed qkv (B, T, 3C), forward and backward, and the
// bag-of-words' causal mean, with the semantics of src/backend/js/attention.ts.
//
// The per-(t, s) work is only hs (≈16) wide, so loop overheads dominate a direct port. When hs
// is a multiple of 4, scores come four keys at a time (one reduction for four dot products) and
// every weighted sum of rows is accumulated in registers, one 4-wide column block at a time, and
// written once: the backward first builds the T×T matrix of score gradients, then forms dq, dk
// and dv as weighted sums over its rows and columns (no read-modify-write of dqkv per key).
// Other head sizes take the scalar-tail paths of the same formulas.
import { madd, splat, laneMask, hmax, hsum, vexp } from "./simd";
import { at, rowDot, rowMax, rowExpShift, rowScale } from "./row-ops";

/** [q·k0, q·k1, q·k2, q·k3] for keys `stride` bytes apart; hs % 4 == 0 */
// @ts-ignore: decorator
@inline function dot4(q: usize, k: usize, stride: usize, hs: i32): v128 {
  let a0 = splat(0), a1 = splat(0), a2 = splat(0), a3 = splat(0);
  for (let d = 0; d < hs; d += 4) {
    const off = <usize>d << 2;
    const qv = v128.load(q + off);
    a0 = madd(qv, v128.load(k + off), a0);
    a1 = madd(qv, v128.load(k + stride + off), a1);
    a2 = madd(qv, v128.load(k + 2 * stride + off), a2);
    a3 = madd(qv, v128.load(k + 3 * stride + off), a3);
  }
  // transpose-and-add: lane i of the result is the horizontal sum of a_i
  const t0 = f32x4.add(i32x4.shuffle(a0, a1, 0, 4, 1, 5), i32x4.shuffle(a0, a1, 2, 6, 3, 7));
  const t1 = f32x4.add(i32x4.shuffle(a2, a3, 0, 4, 1, 5), i32x4.shuffle(a2, a3, 2, 6, 3, 7));
  return f32x4.add(i32x4.shuffle(t0, t1, 0, 1, 4, 5), i32x4.shuffle(t0, t1, 2, 3, 6, 7));
}

/**
 * dst[0..hs) = Σ_{s<n} w_s · row_s: weights `wStride` bytes apart, rows `rStride` bytes apart.
 * Overwrites dst.
 */
// @ts-ignore: decorator
@inline function weightedRows(dst: usize, w: usize, wStride: usize, rows: usize, rStride: usize, n: i32, hs: i32): void {
  let d = 0;
  if ((hs & 3) == 0) {
    for (; d < hs; d += 4) {
      const off = <usize>d << 2;
      let a = splat(0);
      let wp = w;
      let r = rows + off;
      for (let s = 0; s < n; s++) {
        a = madd(v128.load32_splat(wp), v128.load(r), a);
        wp += wStride;
        r += rStride;
      }
      v128.store(dst + off, a);
    }
  }
  for (; d < hs; d++) {
    const off = <usize>d << 2;
    let a: f32 = 0;
    for (let s = 0; s < n; s++) a += load<f32>(w + <usize>s * wStride) * load<f32>(rows + <usize>s * rStride + off);
    store<f32>(dst + off, a);
  }
}

/** out[s] = scale · q·k_s for s < n, keys `stride` bytes apart */
// @ts-ignore: decorator
@inline function scores(out: usize, q: usize, k: usize, stride: usize, n: i32, hs: i32, scale: f32): void {
  let s = 0;
  if ((hs & 3) == 0) {
    for (; s + 4 <= n; s += 4) v128.store(at(out, s), f32x4.mul(dot4(q, k + <usize>s * stride, stride, hs), splat(scale)));
  }
  for (; s < n; s++) store<f32>(at(out, s), rowDot(q, k + <usize>s * stride, hs) * scale);
}

/**
 * One causal attention row when T and hs are multiples of 4: scores for whole blocks of four
 * keys (keys past t exist, since t < T, and are masked to -inf), then softmax over the blocks and
 * zeros for the blocks past t. Whole vectors only, no tails.
 */
// @ts-ignore: decorator
@inline function blockRow(row: usize, q: usize, k: usize, stride: usize, n: i32, T: i32, hs: i32, scale: f32): void {
  const blocks = (n + 3) >> 2;
  let mx = splat(-Infinity);
  for (let j = 0; j < blocks; j++) {
    let sc = f32x4.mul(dot4(q, k + <usize>(j << 2) * stride, stride, hs), splat(scale));
    if (j == blocks - 1) sc = v128.bitselect(sc, splat(-Infinity), laneMask(n - (j << 2)));
    v128.store(at(row, j << 2), sc);
    mx = f32x4.pmax(mx, sc);
  }
  const m = splat(hmax(mx));
  let sum = splat(0);
  for (let j = 0; j < blocks; j++) {
    const e = vexp(f32x4.sub(v128.load(at(row, j << 2)), m));
    v128.store(at(row, j << 2), e);
    sum = f32x4.add(sum, e);
  }
  const inv = splat(1 / hsum(sum));
  for (let j = 0; j < blocks; j++) v128.store(at(row, j << 2), f32x4.mul(v128.load(at(row, j << 2)), inv));
  for (let j = blocks << 2; j < T; j += 4) v128.store(at(row, j), splat(0));
}

export function attention(out: usize, att: usize, qkv: usize, B: i32, T: i32, C: i32, nh: i32): void {
  attentionMasked(out, att, qkv, 0, B, T, C, nh, 0);
}

/** `rows`: scratch of T floats */
export function attentionDropout(out: usize, att: usize, qkv: usize, mask: usize, B: i32, T: i32, C: i32, nh: i32, rows: usize): void {
  attentionMasked(out, att, qkv, mask, B, T, C, nh, rows);
}

/** dst[s] = a[s] · b[s] for s < n */
// @ts-ignore: decorator
@inline function rowMul(dst: usize, a: usize, b: usize, n: i32): void {
  let s = 0;
  for (; s + 4 <= n; s += 4) v128.store(at(dst, s), f32x4.mul(v128.load(at(a, s)), v128.load(at(b, s))));
  for (; s < n; s++) store<f32>(at(dst, s), load<f32>(at(a, s)) * load<f32>(at(b, s)));
}

// The probabilities into att; out = (att ⊙ mask) · v through the row scratch, or att · v when mask is 0.
// @ts-ignore: decorator
@inline function attentionMasked(out: usize, att: usize, qkv: usize, mask: usize, B: i32, T: i32, C: i32, nh: i32, scratch: usize): void {
  const hs = C / nh;
  const scale: f32 = 1 / Mathf.sqrt(<f32>hs);
  const C3 = 3 * C;
  const stride = <usize>C3 << 2;
  const blocked = (hs & 3) == 0 && (T & 3) == 0;
  for (let b = 0; b < B; b++) {
    const base = b * T * C3;
    for (let h = 0; h < nh; h++) {
      const a0 = (b * nh + h) * T * T;
      const k0 = at(qkv, base + C + h * hs);
      const v0 = at(qkv, base + 2 * C + h * hs);
      for (let t = 0; t < T; t++) {
        const q = at(qkv, base + t * C3 + h * hs);
        const row = at(att, a0 + t * T);
        const n = t + 1;
        if (blocked) {
          blockRow(row, q, k0, stride, n, T, hs, scale);
        } else {
          scores(row, q, k0, stride, n, hs, scale);
          const sum = rowExpShift(row, row, n, rowMax(row, n));
          rowScale(row, row, n, 1 / sum);
          for (let s = n; s < T; s++) store<f32>(at(row, s), 0);
        }
        let weights = row;
        if (mask != 0) {
          rowMul(scratch, row, at(mask, a0 + t * T), n);
          weights = scratch;
        }
        weightedRows(at(out, b * T * C + t * C + h * hs), weights, 4, v0, stride, n, hs);
      }
    }
  }
}

export function attentionBackward(dqkv: usize, dout: usize, qkv: usize, att: usize, B: i32, T: i32, C: i32, nh: i32, D: usize): void {
  attentionMaskedBackward(dqkv, dout, qkv, att, 0, B, T, C, nh, D, 0);
}

/** `D`, `A`: scratch of T·T floats each */
export function attentionDropoutBackward(dqkv: usize, dout: usize, qkv: usize, att: usize, mask: usize, B: i32, T: i32, C: i32, nh: i32, D: usize, A: usize): void {
  attentionMaskedBackward(dqkv, dout, qkv, att, mask, B, T, C, nh, D, A);
}

// With p = att[t, ·], a = p ⊙ mask (p when mask is 0) and dp[t, s] = mask[t, s] · dout_t · v_s:
//   dpre[t, s] = p[t, s] (dp[t, s] - Σ_s' p[t, s'] dp[t, s']) · scale
//   dq_t = Σ_{s≤t} dpre[t, s] k_s;   dk_s = Σ_{t≥s} dpre[t, s] q_t;   dv_s = Σ_{t≥s} a[t, s] dout_t
// Every element of dqkv is written exactly once. `D` is scratch of T·T floats, and so is `A`
// (the head's a) with a mask.
// @ts-ignore: decorator
@inline function attentionMaskedBackward(dqkv: usize, dout: usize, qkv: usize, att: usize, mask: usize, B: i32, T: i32, C: i32, nh: i32, D: usize, A: usize): void {
  const hs = C / nh;
  const scale: f32 = 1 / Mathf.sqrt(<f32>hs);
  const C3 = 3 * C;
  const stride = <usize>C3 << 2;
  const doutStride = <usize>C << 2;
  const rowBytes = <usize>T << 2;
  for (let b = 0; b < B; b++) {
    const base = b * T * C3;
    const go0 = at(dout, b * T * C);
    for (let h = 0; h < nh; h++) {
      const P = at(att, (b * nh + h) * T * T);
      const M = mask == 0 ? 0 : at(mask, (b * nh + h) * T * T);
      const weights = mask == 0 ? P : A;
      const q0 = base + h * hs;
      const k0 = base + C + h * hs;
      const v0 = base + 2 * C + h * hs;
      const goh = go0 + (<usize>(h * hs) << 2);
      for (let t = 0; t < T; t++) {
        const row = P + <usize>t * rowBytes;
        const drow = D + <usize>t * rowBytes;
        const n = t + 1;
        scores(drow, goh + <usize>t * doutStride, at(qkv, v0), stride, n, hs, 1);
        if (mask != 0) {
          const mrow = M + <usize>t * rowBytes;
          rowMul(drow, drow, mrow, n);
          rowMul(A + <usize>t * rowBytes, row, mrow, n);
        }
        const dot = rowDot(row, drow, n);
        for (let s = 0; s < n; s++) store<f32>(at(drow, s), load<f32>(at(row, s)) * (load<f32>(at(drow, s)) - dot) * scale);
      }
      for (let t = 0; t < T; t++) {
        weightedRows(at(dqkv, q0 + t * C3), D + <usize>t * rowBytes, 4, at(qkv, k0), stride, t + 1, hs);
      }
      for (let s = 0; s < T; s++) {
        // columns s of D and P, rows t ≥ s
        const col = <usize>s * rowBytes + (<usize>s << 2);
        weightedRows(at(dqkv, k0 + s * C3), D + col, rowBytes, at(qkv, q0 + s * C3), stride, T - s, hs);
        weightedRows(at(dqkv, v0 + s * C3), weights + col, rowBytes, goh + <usize>s * doutStride, doutStride, T - s, hs);
      }
    }
  }
}

/**
 * One decoding step of causal attention for `rows` sequences at position t (a KV cache): the new
 * token's k and v (from packed qkv, (rows, 3C)) are stored into the caches (rows, nh, Tmax, hs)
 * at t, then out (rows, C) = softmax(q·K[0..t] / √hs) · V[0..t] per head. `probs`: Tmax floats.
 * Rows are short here (t < Tmax ≈ 16), so the passes are kept few: copy, scores, max, exp-sum,
 * one weighted sum scaled by 1/sum at the end.
 */
export function attentionDecode(out: usize, qkv: usize, kcache: usize, vcache: usize, rows: i32, C: i32, nh: i32, t: i32, Tmax: i32, probs: usize): void {
  const hs = C / nh;
  const scale: f32 = 1 / Mathf.sqrt(<f32>hs);
  const rowBytes = <usize>hs << 2;
  const n = t + 1;
  for (let r = 0; r < rows; r++) {
    for (let h = 0; h < nh; h++) {
      const q = qkv + (<usize>(r * 3 * C + h * hs) << 2);
      const cache = <usize>((r * nh + h) * Tmax) * rowBytes;
      const kt = kcache + cache + <usize>t * rowBytes;
      const vt = vcache + cache + <usize>t * rowBytes;
      const kNew = q + (<usize>C << 2);
      const vNew = q + (<usize>(2 * C) << 2);
      if ((hs & 3) == 0) {
        for (let d = 0; d < hs; d += 4) {
          const off = <usize>d << 2;
          v128.store(kt + off, v128.load(kNew + off));
          v128.store(vt + off, v128.load(vNew + off));
        }
      } else {
        memory.copy(kt, kNew, rowBytes);
        memory.copy(vt, vNew, rowBytes);
      }
      scores(probs, q, kcache + cache, rowBytes, n, hs, scale);
      const sum = rowExpShift(probs, probs, n, rowMax(probs, n));
      const o = out + (<usize>(r * C + h * hs) << 2);
      weightedRows(o, probs, 4, vcache + cache, rowBytes, n, hs);
      rowScale(o, o, hs, 1 / sum);
    }
  }
}

/**
 * Causal running mean along T of x (B, T, C): out[b, t] = w[t] · Σ_{s≤t} x[b, s] (w[t] = 1/(t+1)
 * as float32): the bag-of-words' uniform causal attention without its (T, T) matrix. `acc`:
 * C floats of scratch for the running sum.
 */
export function causalMean(out: usize, x: usize, w: usize, B: i32, T: i32, C: i32, acc: usize): void {
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < C; j++) store<f32>(at(acc, j), 0);
    for (let t = 0; t < T; t++) {
      const row = (b * T + t) * C;
      const wt = load<f32>(w + (<usize>t << 2));
      const wv = f32x4.splat(wt);
      let j = 0;
      for (; j + 4 <= C; j += 4) {
        const s = f32x4.add(v128.load(at(acc, j)), v128.load(at(x, row + j)));
        v128.store(at(acc, j), s);
        v128.store(at(out, row + j), f32x4.mul(s, wv));
      }
      for (; j < C; j++) {
        const s = load<f32>(at(acc, j)) + load<f32>(at(x, row + j));
        store<f32>(at(acc, j), s);
        store<f32>(at(out, row + j), s * wt);
      }
    }
  }
}

/** dx[b, s] = Σ_{t≥s} w[t] · dout[b, t]: the reverse running sum (overwrites dx). */
export function causalMeanBackward(dx: usize, dout: usize, w: usize, B: i32, T: i32, C: i32, acc: usize): void {
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < C; j++) store<f32>(at(acc, j), 0);
    for (let t = T - 1; t >= 0; t--) {
      const row = (b * T + t) * C;
      const wt = load<f32>(w + (<usize>t << 2));
      const wv = f32x4.splat(wt);
      let j = 0;
      for (; j + 4 <= C; j += 4) {
        const s = madd(v128.load(at(dout, row + j)), wv, v128.load(at(acc, j)));
        v128.store(at(acc, j), s);
        v128.store(at(dx, row + j), s);
      }
      for (; j < C; j++) {
        const s = load<f32>(at(acc, j)) + load<f32>(at(dout, row + j)) * wt;
        store<f32>(at(acc, j), s);
        store<f32>(at(dx, row + j), s);
      }
    }
  }
}
