import { jsKernels, type AttentionKernels } from "../../src/backend/index.js";
import { uniform, type Case, type GroupCases } from "./inputs.js";

function attentionDecodeCases(): Case[] {
  const out: Case[] = [];
  for (const [rows, C, nh, t, Tmax] of [
    [1, 4, 1, 0, 1],
    [3, 12, 3, 2, 5],
    [5, 64, 4, 15, 16],
    [2, 6, 2, 3, 4],
    [7, 10, 2, 0, 3],
  ]) {
    out.push({
      label: `rows=${rows} C=${C} nh=${nh} t=${t} Tmax=${Tmax}`,
      args: [new Float32Array(rows * C), uniform(rows * 3 * C, -2, 2), uniform(rows * Tmax * C), uniform(rows * Tmax * C), rows, C, nh, t, Tmax],
    });
  }
  return out;
}

export function attentionCases(): GroupCases<AttentionKernels> {
  const attention: Case[] = [];
  const attentionBackward: Case[] = [];
  const attentionDropout: Case[] = [];
  const attentionDropoutBackward: Case[] = [];
  for (const [B, T, C, nh] of [
    [1, 1, 4, 1],
    [1, 3, 5, 5],
    [2, 5, 12, 3],
    [2, 7, 6, 2],
    [3, 16, 64, 4],
    [1, 9, 32, 1],
  ]) {
    const label = `B=${B} T=${T} C=${C} nh=${nh}`;
    const qkv = uniform(B * T * 3 * C, -2, 2);
    attention.push({ label, args: [new Float32Array(B * T * C), uniform(B * nh * T * T), qkv, B, T, C, nh] });
    const att = new Float32Array(B * nh * T * T);
    jsKernels.attention(new Float32Array(B * T * C), att, qkv, B, T, C, nh);
    attentionBackward.push({ label, args: [uniform(B * T * 3 * C), uniform(B * T * C), qkv, att, B, T, C, nh] });
    // dropout noise: 0 or 1/(1 - p), with p = 0.3 here
    const mask = Float32Array.from(uniform(B * nh * T * T, 0, 1), (u) => (u < 0.3 ? 0 : Math.fround(1 / Math.fround(0.7))));
    attentionDropout.push({ label, args: [new Float32Array(B * T * C), uniform(B * nh * T * T), qkv, mask, B, T, C, nh] });
    attentionDropoutBackward.push({ label, args: [uniform(B * T * 3 * C), uniform(B * T * C), qkv, att, mask, B, T, C, nh] });
  }
  const causalMean: Case[] = [];
  const causalMeanBackward: Case[] = [];
  for (const [B, T, C] of [
    [1, 1, 1],
    [2, 3, 5],
    [32, 16, 64],
    [3, 7, 9],
  ]) {
    const w = Float32Array.from({ length: T }, (_, t) => 1 / (t + 1));
    const label = `B=${B} T=${T} C=${C}`;
    causalMean.push({ label, args: [new Float32Array(B * T * C), uniform(B * T * C), w, B, T, C] });
    causalMeanBackward.push({ label, args: [new Float32Array(B * T * C), uniform(B * T * C), w, B, T, C] });
  }
  return { attention, attentionBackward, attentionDropout, attentionDropoutBackward, attentionDecode: attentionDecodeCases(), causalMean, causalMeanBackward };
}
