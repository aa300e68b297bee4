// GEMM: C (M, N) (+)= A (M, K) · B (K, N) for any of the NN / NT / TN layouts, one strided driver.
// B is always packed into zero-padded panels 8 (or, for a narrow last panel, 4) columns wide;
// A is either read in place (the "s" tiles of src/backend/KERNELS.md) or packed per
// micro-panel ("p" tiles).
import { GEMM_KC, GEMM_NC, GEMM_MAX_MR } from "./gemm-config";
import { packedA, packedB, edgeTile } from "./workspace";
import { microKernel } from "./generated/gemm-micro";

// Tile policy, from src/backend/KERNELS.md and sweeps of this code (bench/kernels.ts, setGemmTiles):
// - relaxed FMA: s6x8 for row-major A (NN, NT), s4x8 for transposed A (TN; odd heights read in
//   place collapse there);
// - plain SIMD: mul+add needs a spare register, so 6×8 spills: s5x8 for NN / NT, and p5x8 for
//   TN (packing the transposed A beat reading it in place, 41 vs 38 GF/s).
const DEFAULT_MR_ROW_MAJOR: i32 = ASC_FEATURE_RELAXED_SIMD ? 6 : 5;
const DEFAULT_PACK_ROW_MAJOR: bool = false;
const DEFAULT_MR_TRANS_A: i32 = ASC_FEATURE_RELAXED_SIMD ? 4 : 5;
const DEFAULT_PACK_TRANS_A: bool = !ASC_FEATURE_RELAXED_SIMD;

let mrRowMajor = DEFAULT_MR_ROW_MAJOR;
let packRowMajor = DEFAULT_PACK_ROW_MAJOR;
let mrTransA = DEFAULT_MR_TRANS_A;
let packTransA = DEFAULT_PACK_TRANS_A;

/** Overrides the tile policy (benchmarks sweep tiles, tests cover every path); mr in 1..6. */
export function setGemmTiles(rowMajorMr: i32, rowMajorPack: bool, transAMr: i32, transAPack: bool): void {
  mrRowMajor = max(1, min(GEMM_MAX_MR, rowMajorMr));
  packRowMajor = rowMajorPack;
  mrTransA = max(1, min(GEMM_MAX_MR, transAMr));
  packTransA = transAPack;
}

/** Back to the build's default tile policy. */
export function resetGemmTiles(): void {
  setGemmTiles(DEFAULT_MR_ROW_MAJOR, DEFAULT_PACK_ROW_MAJOR, DEFAULT_MR_TRANS_A, DEFAULT_PACK_TRANS_A);
}

// @ts-ignore: decorator
@inline function panelWidth(w: i32): i32 {
  return w <= 4 ? 4 : 8;
}

// 4×4 transpose of the columns r0..r3 into rows, stored nr floats apart.
// @ts-ignore: decorator
@inline function storeTransposed(dst: usize, rowBytes: usize, r0: v128, r1: v128, r2: v128, r3: v128): void {
  const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5);
  const t1 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
  const t2 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
  const t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
  v128.store(dst, i32x4.shuffle(t0, t1, 0, 1, 4, 5));
  v128.store(dst + rowBytes, i32x4.shuffle(t0, t1, 2, 3, 6, 7));
  v128.store(dst + 2 * rowBytes, i32x4.shuffle(t2, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * rowBytes, i32x4.shuffle(t2, t3, 2, 3, 6, 7));
}

/** Packs B[pc:pc+kc, jc:jc+nc] into consecutive panels of kc rows × nr columns (zero-padded). */
function packB(b: usize, K: i32, N: i32, transB: bool, pc: i32, kc: i32, jc: i32, nc: i32): void {
  let dst = packedB();
  for (let j0 = jc; j0 < jc + nc; j0 += 8) {
    const w = min(8, jc + nc - j0);
    const nr = panelWidth(w);
    const rowBytes = <usize>nr * 4;
    if (!transB) {
      // B row-major: each k row of the panel is w contiguous floats
      let src = b + (<usize>pc * N + j0) * 4;
      const srcStride = <usize>N * 4;
      if (w == nr) {
        for (let k = 0; k < kc; k++) {
          v128.store(dst, v128.load(src));
          if (nr == 8) v128.store(dst, v128.load(src, 16), 16);
          src += srcStride;
          dst += rowBytes;
        }
      } else {
        for (let k = 0; k < kc; k++) {
          for (let jj = 0; jj < nr; jj++) store<f32>(dst + <usize>jj * 4, jj < w ? load<f32>(src + <usize>jj * 4) : 0);
          src += srcStride;
          dst += rowBytes;
        }
      }
    } else {
      // Bᵀ stored (N, K): column j of B is contiguous in k; transpose 4×4 blocks into the panel
      const colStride = <usize>K * 4;
      for (let jj = 0; jj < nr; jj += 4) {
        const col = b + (<usize>(j0 + jj) * K + pc) * 4;
        const out = dst + <usize>jj * 4;
        if (jj + 4 <= w) {
          let k = 0;
          for (; k + 4 <= kc; k += 4) {
            const s = col + <usize>k * 4;
            storeTransposed(out + <usize>k * rowBytes, rowBytes,
              v128.load(s), v128.load(s + colStride), v128.load(s + 2 * colStride), v128.load(s + 3 * colStride));
          }
          for (; k < kc; k++) {
            for (let q = 0; q < 4; q++) store<f32>(out + <usize>k * rowBytes + <usize>q * 4, load<f32>(col + <usize>q * colStride + <usize>k * 4));
          }
        } else {
          for (let q = 0; q < 4; q++) {
            const inside = jj + q < w;
            for (let k = 0; k < kc; k++) {
              store<f32>(out + <usize>k * rowBytes + <usize>q * 4, inside ? load<f32>(col + <usize>q * colStride + <usize>k * 4) : 0);
            }
          }
        }
      }
      dst += <usize>kc * rowBytes;
    }
  }
}

/** Packs A[ic:ic+mr, pc:pc+kc] k-major: dst[k·mr + r]. */
function packA(a: usize, ars: usize, aks: usize, ic: i32, mr: i32, pc: i32, kc: i32): void {
  const dst = packedA();
  const src = a + <usize>ic * ars + <usize>pc * aks;
  if (ars == 4) {
    // rows contiguous (Aᵀ stored): each k step is mr contiguous floats
    if (mr >= 4) {
      const rest = mr - 4;
      for (let k = 0; k < kc; k++) {
        const s = src + <usize>k * aks;
        const d = dst + <usize>(k * mr) * 4;
        v128.store(d, v128.load(s));
        for (let r = 0; r < rest; r++) store<f32>(d + 16 + <usize>r * 4, load<f32>(s + 16 + <usize>r * 4));
      }
    } else {
      for (let k = 0; k < kc; k++) {
        const s = src + <usize>k * aks;
        const d = dst + <usize>(k * mr) * 4;
        for (let r = 0; r < mr; r++) store<f32>(d + <usize>r * 4, load<f32>(s + <usize>r * 4));
      }
    }
  } else {
    for (let r = 0; r < mr; r++) {
      const s = src + <usize>r * ars;
      for (let k = 0; k < kc; k++) store<f32>(dst + <usize>(k * mr + r) * 4, load<f32>(s + <usize>k * 4));
    }
  }
}

/** Copies an mr × w block between C (ldc bytes per row) and the edge tile (nr floats per row). */
function copyEdge(toTile: bool, c: usize, ldc: usize, mr: i32, w: i32, nr: i32): void {
  const tile = edgeTile();
  for (let r = 0; r < mr; r++) {
    const cRow = c + <usize>r * ldc;
    const tRow = tile + <usize>(r * nr) * 4;
    if (toTile) memory.copy(tRow, cRow, <usize>w * 4);
    else memory.copy(cRow, tRow, <usize>w * 4);
  }
}

/**
 * out (M, N) (+)= A (M, K) · B (K, N). With transA, `a` holds Aᵀ as (K, M); with transB, `b`
 * holds Bᵀ as (N, K). `accumulate` adds into out instead of overwriting it.
 */
export function matmul(c: usize, a: usize, b: usize, M: i32, K: i32, N: i32, transA: bool, transB: bool, accumulate: bool): void {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    if (!accumulate) memory.fill(c, 0, <usize>M * N * 4);
    return;
  }
  // A(i, k) lives at a + i·ars + k·aks
  const ars: usize = transA ? 4 : <usize>K * 4;
  const aks: usize = transA ? <usize>M * 4 : 4;
  const MR = transA ? mrTransA : mrRowMajor;
  const pack = transA ? packTransA : packRowMajor;
  const ldc = <usize>N * 4;
  for (let jc = 0; jc < N; jc += GEMM_NC) {
    const nc = min(GEMM_NC, N - jc);
    for (let pc = 0; pc < K; pc += GEMM_KC) {
      const kc = min(GEMM_KC, K - pc);
      const load = accumulate || pc > 0;
      packB(b, K, N, transB, pc, kc, jc, nc);
      for (let ic = 0; ic < M; ic += MR) {
        const mr = min(MR, M - ic);
        let ap: usize, aStride: usize, rowsContiguous: bool;
        if (pack) {
          packA(a, ars, aks, ic, mr, pc, kc);
          ap = packedA();
          aStride = <usize>mr * 4;
          rowsContiguous = true;
        } else {
          ap = a + <usize>ic * ars + <usize>pc * aks;
          aStride = transA ? aks : ars;
          rowsContiguous = transA;
        }
        let bp = packedB();
        const cRow = c + <usize>ic * ldc;
        for (let j0 = jc; j0 < jc + nc; j0 += 8) {
          const w = min(8, jc + nc - j0);
          const nr = panelWidth(w);
          const cp = cRow + <usize>j0 * 4;
          if (w == nr) {
            microKernel(mr, nr, rowsContiguous, ap, aStride, bp, kc, cp, ldc, load);
          } else {
            if (load) copyEdge(true, cp, ldc, mr, w, nr);
            microKernel(mr, nr, rowsContiguous, ap, aStride, bp, kc, edgeTile(), <usize>nr * 4, load);
            copyEdge(false, cp, ldc, mr, w, nr);
          }
          bp += <usize>(kc * nr) * 4;
        }
      }
    }
  }
}
