import type { EvalRecord } from "./metrics.js";

/** A small, dependency-free SVG line chart of train and test loss against step. */
export function lossPlotSvg(records: readonly EvalRecord[]): string {
  const W = 640, H = 400, L = 60, R = 20, T = 30, B = 50;
  const steps = records.map((r) => r.step);
  const losses = records.flatMap((r) => [r.train_loss, r.test_loss]).filter(Number.isFinite);
  const x0 = Math.min(...steps, 0), x1 = Math.max(...steps, 1);
  let y0 = Math.min(...losses, Infinity), y1 = Math.max(...losses, -Infinity);
  if (!Number.isFinite(y0)) [y0, y1] = [0, 1];
  if (y1 - y0 < 1e-6) [y0, y1] = [y0 - 0.5, y1 + 0.5];
  const pad = (y1 - y0) * 0.05;
  y0 -= pad;
  y1 += pad;
  const sx = (s: number) => L + ((s - x0) / (x1 - x0 || 1)) * (W - L - R);
  const sy = (v: number) => T + (1 - (v - y0) / (y1 - y0)) * (H - T - B);
  const line = (key: "train_loss" | "test_loss") =>
    records.filter((r) => Number.isFinite(r[key])).map((r, i) => `${i ? "L" : "M"}${sx(r.step).toFixed(1)},${sy(r[key]).toFixed(1)}`).join(" ");
  const yTicks = Array.from({ length: 6 }, (_, i) => y0 + ((y1 - y0) * i) / 5);
  const xTicks = Array.from({ length: 6 }, (_, i) => Math.round(x0 + ((x1 - x0) * i) / 5));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">makemore: loss (nats per character)</text>`,
    ...yTicks.map((v) => `<line x1="${L}" x2="${W - R}" y1="${sy(v).toFixed(1)}" y2="${sy(v).toFixed(1)}" stroke="#eee"/><text x="${L - 6}" y="${(sy(v) + 4).toFixed(1)}" text-anchor="end">${v.toFixed(3)}</text>`),
    ...xTicks.map((s) => `<text x="${sx(s).toFixed(1)}" y="${H - B + 18}" text-anchor="middle">${s}</text>`),
    `<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">step</text>`,
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#333"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#333"/>`,
    `<path d="${line("train_loss")}" fill="none" stroke="#1f77b4" stroke-width="2"/>`,
    `<path d="${line("test_loss")}" fill="none" stroke="#ff7f0e" stroke-width="2"/>`,
    `<rect x="${W - R - 110}" y="${T + 4}" width="104" height="40" fill="white" stroke="#ccc"/>`,
    `<line x1="${W - R - 102}" x2="${W - R - 82}" y1="${T + 18}" y2="${T + 18}" stroke="#1f77b4" stroke-width="2"/><text x="${W - R - 76}" y="${T + 22}">train</text>`,
    `<line x1="${W - R - 102}" x2="${W - R - 82}" y1="${T + 34}" y2="${T + 34}" stroke="#ff7f0e" stroke-width="2"/><text x="${W - R - 76}" y="${T + 38}">test</text>`,
    `</svg>`,
  ];
  return parts.join("\n") + "\n";
}
