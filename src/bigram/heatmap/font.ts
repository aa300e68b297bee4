import { inflateSync } from "node:zlib";
import { GLYPH_ASCENT, GLYPH_DATA, GLYPH_DESCENT, GLYPH_PX } from "./glyphs.js";
import type { Rgb } from "./colormap.js";
import type { RgbImage } from "./raster.js";

/** One rasterised glyph: coverage 0…15 in a w×h box at (x, y) from the pen's top-left corner. */
interface Glyph {
  readonly advance: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly coverage: Uint8Array;
}

/** The embedded font's size and vertical metrics, in pixels. */
export const FONT = { px: GLYPH_PX, ascent: GLYPH_ASCENT, descent: GLYPH_DESCENT, family: "DejaVu Sans" } as const;

let glyphs: Map<number, Glyph> | null = null;

/** Decodes the atlas on first use (make_glyphs.py documents the layout). */
function atlas(): Map<number, Glyph> {
  if (glyphs) return glyphs;
  const blob = inflateSync(Buffer.from(GLYPH_DATA, "base64"));
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const count = view.getUint32(0, true);
  const RECORD = 10;
  let nibble = (4 + count * RECORD) * 2; // position in the 4-bit coverage stream, in nibbles
  const map = new Map<number, Glyph>();
  for (let k = 0; k < count; k++) {
    const r = 4 + k * RECORD;
    const w = view.getUint8(r + 8);
    const h = view.getUint8(r + 9);
    const coverage = new Uint8Array(w * h);
    for (let i = 0; i < coverage.length; i++, nibble++) {
      const byte = blob[nibble >> 1];
      coverage[i] = nibble & 1 ? byte & 0x0f : byte >> 4;
    }
    map.set(view.getUint32(r, true), {
      advance: view.getUint16(r + 4, true) / 64,
      x: view.getInt8(r + 6),
      y: view.getInt8(r + 7),
      w,
      h,
      coverage,
    });
  }
  glyphs = map;
  return map;
}

/** The glyph for a code point; code point 0 holds the font's missing-glyph box. */
function glyph(cp: number): Glyph {
  const map = atlas();
  return map.get(cp) ?? map.get(0)!;
}

/** Width of `text` in pixels with the embedded font's advances (no kerning). */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += glyph(ch.codePointAt(0)!).advance;
  return w;
}

/** Draws `text` with its left end at x and its baseline at `baseline`, blending by coverage. */
export function drawText(img: RgbImage, text: string, x: number, baseline: number, color: Rgb): void {
  const top = Math.round(baseline) - FONT.ascent;
  let pen = x;
  for (const ch of text) {
    const g = glyph(ch.codePointAt(0)!);
    const left = Math.round(pen) + g.x;
    for (let j = 0; j < g.h; j++) {
      for (let i = 0; i < g.w; i++) {
        const c = g.coverage[j * g.w + i];
        if (c) img.blend(left + i, top + g.y + j, color, c / 15);
      }
    }
    pen += g.advance;
  }
}
