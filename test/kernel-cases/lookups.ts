import type { LookupsKernels } from "../../src/backend/index.js";
import { uniform, ints, type Case, type GroupCases } from "./inputs.js";

export function lookupsCases(): GroupCases<LookupsKernels> {
  const embedding: Case[] = [];
  const embeddingBackward: Case[] = [];
  const embeddingSum: Case[] = [];
  const embeddingSumBackward: Case[] = [];
  for (const [V, C, n, k] of [
    [1, 1, 1, 1],
    [27, 3, 9, 2],
    [28, 64, 50, 16],
    [5, 7, 0, 3],
    [11, 13, 33, 8],
  ]) {
    const idx = ints(n * k, V);
    const label = `V=${V} C=${C} n=${n} k=${k}`;
    embeddingSum.push({ label, args: [new Float32Array(n * C), uniform(k * V * C), idx, n, k, V, C] });
    embeddingSumBackward.push({ label, args: [uniform(k * V * C), uniform(n * C), idx, n, k, V, C] });
  }
  for (const [V, C, n] of [
    [1, 1, 1],
    [27, 1, 9],
    [27, 3, 50],
    [27, 16, 0],
    [27, 27, 33],
    [5, 64, 12],
  ]) {
    const idx = ints(n, V);
    const label = `V=${V} C=${C} n=${n}`;
    embedding.push({ label, args: [new Float32Array(n * C), uniform(V * C), idx, n, C] });
    embeddingBackward.push({ label, args: [uniform(V * C), uniform(n * C), idx, n, C] });
  }
  return { embedding, embeddingBackward, embeddingSum, embeddingSumBackward };
}
