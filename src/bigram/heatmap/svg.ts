import type { BigramCounts } from "../counts.js";
import { hex } from "./colormap.js";
import { FONT } from "./font.js";
import { type HeatmapOptions, heatmapLayout } from "./layout.js";

const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[ch]!);

/**
 * The labelled count matrix as SVG: one `rect.cell` per bigram (with a tooltip), and per cell a
 * `text.bigram` above the centre and a `text.count` below it, as the notebook's plt.text calls.
 */
export function bigramHeatmapSvg(c: BigramCounts, opts: HeatmapOptions = {}): string {
  const L = heatmapLayout(c, opts);
  const half = L.cellSize / 2;
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${L.width}" height="${L.height}" viewBox="0 0 ${L.width} ${L.height}" ` +
      `font-family="${FONT.family}, Verdana, Arial, sans-serif" font-size="${FONT.px}px">`,
    `<rect class="background" width="${L.width}" height="${L.height}" fill="#ffffff"/>`,
    `<text class="title" x="${L.titleX}" y="${L.titleBaseline}" fill="${hex(L.titleColor)}">${escapeXml(L.title)}</text>`,
    `<g class="cells" shape-rendering="crispEdges">`,
  ];
  for (const cell of L.cells) {
    out.push(
      `<rect class="cell" x="${cell.x}" y="${cell.y}" width="${L.cellSize}" height="${L.cellSize}" fill="${hex(cell.fill)}"><title>${escapeXml(cell.label)}: ${cell.count}</title></rect>`,
    );
  }
  out.push(`</g>`, `<g class="labels" text-anchor="middle">`);
  for (const cell of L.cells) {
    const x = cell.x + half;
    const fill = hex(cell.textColor);
    out.push(`<text class="bigram" x="${x}" y="${cell.y + L.labelBaseline}" fill="${fill}">${escapeXml(cell.label)}</text>`);
    out.push(`<text class="count" x="${x}" y="${cell.y + L.countBaseline}" fill="${fill}">${cell.count}</text>`);
  }
  out.push(`</g>`, `</svg>`, ``);
  return out.join("\n");
}
