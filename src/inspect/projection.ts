import type { Tensor } from "../tensor/tensor.js";

export interface EmbeddingProjection {
  /** "dims": the table is 2-D, plotted as is (the lecture's C[:,0] vs C[:,1]); "pca": its first two principal components */
  method: "dims" | "pca";
  points: { label: string; x: number; y: number }[];
  /** for PCA, the share of the variance along each component */
  explained?: [number, number];
}

/**
 * Each row of an embedding table (V, D) as a point in the plane, labelled: the two dims when
 * D = 2, else the projection on the top two eigenvectors of the rows' covariance, found in
 * float64 by power iteration with deflation.
 */
export function embeddingProjection(weight: Tensor, labels: readonly string[]): EmbeddingProjection {
  const [V, D] = weight.shape;
  const w = weight.detach().contiguous().flat();
  const row = (i: number) => Array.from({ length: D }, (_, d) => w[i * D + d]);
  if (D === 2) return { method: "dims", points: Array.from({ length: V }, (_, i) => ({ label: labels[i] ?? String(i), x: w[i * 2], y: w[i * 2 + 1] })) };
  const mean = new Float64Array(D);
  for (let i = 0; i < V; i++) for (let d = 0; d < D; d++) mean[d] += w[i * D + d] / V;
  const X = Array.from({ length: V }, (_, i) => row(i).map((v, d) => v - mean[d]));
  const cov = Array.from({ length: D }, (_, a) => Array.from({ length: D }, (_, b) => X.reduce((s, r) => s + r[a] * r[b], 0) / Math.max(1, V - 1)));
  const total = cov.reduce((s, r, d) => s + r[d], 0);
  const components: number[][] = [];
  const variances: number[] = [];
  for (let c = 0; c < 2; c++) {
    const [vec, val] = topEigen(cov);
    components.push(vec);
    variances.push(val);
    for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) cov[a][b] -= val * vec[a] * vec[b]; // deflate
  }
  const dot = (r: number[], v: number[]) => r.reduce((s, x, d) => s + x * v[d], 0);
  return {
    method: "pca",
    points: X.map((r, i) => ({ label: labels[i] ?? String(i), x: dot(r, components[0]), y: dot(r, components[1]) })),
    explained: [variances[0] / total, variances[1] / total],
  };
}

/** The largest eigenpair of a symmetric positive semi-definite matrix, by power iteration. */
function topEigen(m: number[][]): [number[], number] {
  const n = m.length;
  let v = Array.from({ length: n }, (_, i) => 1 / Math.sqrt(n) + i * 1e-3); // not orthogonal to any eigenvector in practice
  let value = 0;
  for (let it = 0; it < 1000; it++) {
    const next = m.map((r) => r.reduce((s, x, j) => s + x * v[j], 0));
    const norm = Math.hypot(...next);
    if (norm === 0) return [v, 0];
    const u = next.map((x) => x / norm);
    const delta = Math.hypot(...u.map((x, i) => x - v[i]));
    v = u;
    value = norm;
    if (delta < 1e-12) break;
  }
  return [v, value];
}
