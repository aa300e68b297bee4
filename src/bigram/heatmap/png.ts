import type { BigramCounts } from "../counts.js";
import { drawText, textWidth } from "./font.js";
import { type HeatmapOptions, heatmapLayout } from "./layout.js";
import { encodePng } from "./png-encode.js";
import { RgbImage } from "./raster.js";

/** The same picture as bigramHeatmapSvg, rasterised with the embedded DejaVu Sans glyphs. */
export function bigramHeatmapPng(c: BigramCounts, opts: HeatmapOptions = {}): Uint8Array {
  const L = heatmapLayout(c, opts);
  const img = new RgbImage(L.width, L.height);
  drawText(img, L.title, L.titleX, L.titleBaseline, L.titleColor);
  const half = L.cellSize / 2;
  for (const cell of L.cells) {
    img.fillRect(cell.x, cell.y, L.cellSize, L.cellSize, cell.fill);
    const count = String(cell.count);
    drawText(img, cell.label, cell.x + half - textWidth(cell.label) / 2, cell.y + L.labelBaseline, cell.textColor);
    drawText(img, count, cell.x + half - textWidth(count) / 2, cell.y + L.countBaseline, cell.textColor);
  }
  return encodePng(img);
}
