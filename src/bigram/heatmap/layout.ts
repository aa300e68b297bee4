import type { BigramCounts } from "../counts.js";
import { tokenChar } from "../tokens.js";
import { displayChar } from "../display.js";
import { type Rgb, bluesColor, luminance } from "./colormap.js";
import { FONT, textWidth } from "./font.js";

/** Beyond this the picture is thousands of pixels wide per side and no longer readable. */
export const MAX_HEATMAP_TOKENS = 128;

export interface HeatmapOptions {
  /** A line above the grid (default: what the picture shows and the totals). */
  title?: string;
}

export interface HeatmapCell {
  readonly row: number;
  readonly col: number;
  /** Top-left corner, in pixels. */
  readonly x: number;
  readonly y: number;
  readonly fill: Rgb;
  readonly textColor: Rgb;
  /** The bigram as shown, e.g. "em", "n." or "a␣". */
  readonly label: string;
  readonly count: number;
}

/** Where everything goes: both the SVG and the PNG are drawn from one layout, so they agree. */
export interface HeatmapLayout {
  readonly tokens: number;
  readonly width: number;
  readonly height: number;
  readonly cellSize: number;
  readonly title: string;
  readonly titleX: number;
  readonly titleBaseline: number;
  readonly titleColor: Rgb;
  /** Baselines of the bigram (above the centre) and of the count (below it), from a cell's top. */
  readonly labelBaseline: number;
  readonly countBaseline: number;
  readonly cells: readonly HeatmapCell[];
}

const MARGIN = 16;
const TITLE_HEIGHT = 28;
const MIN_CELL = 42;
const PADDING = 8;
/** matplotlib's 'gray' as the notebook uses it, and white where gray would vanish in the blue. */
const GRAY: Rgb = [128, 128, 128];
const WHITE: Rgb = [255, 255, 255];
const TITLE_COLOR: Rgb = [51, 51, 51];
/** Digit height of DejaVu Sans (0.729 em): the count's top sits just below the centre. */
const DIGIT_HEIGHT = Math.round(0.729 * FONT.px);
const LABEL_GAP = 2;

/** WCAG contrast ratio of two colours (1 to 21). */
function contrast(a: Rgb, b: Rgb): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The labelled count matrix of `plt.imshow(N, cmap='Blues')` with `plt.text` in every cell. */
export function heatmapLayout(c: BigramCounts, opts: HeatmapOptions = {}): HeatmapLayout {
  const V = c.size;
  if (V > MAX_HEATMAP_TOKENS) {
    throw new Error(`the vocabulary has ${V - 1} characters: a ${V}×${V} heatmap is too large to read (at most ${MAX_HEATMAP_TOKENS - 1} characters)`);
  }
  const shown = Array.from({ length: V }, (_, t) => displayChar(tokenChar(c.vocab, t)));
  let vmin = Infinity;
  let vmax = -Infinity;
  for (const n of c.counts) {
    vmin = Math.min(vmin, n);
    vmax = Math.max(vmax, n);
  }
  const widest = Math.max(textWidth(String(vmax)), ...shown.flatMap((a) => shown.map((b) => textWidth(a + b))));
  const cellSize = Math.max(MIN_CELL, Math.ceil(widest) + 2 * PADDING);
  const gridTop = MARGIN + TITLE_HEIGHT;
  const cells: HeatmapCell[] = [];
  for (let row = 0; row < V; row++) {
    for (let col = 0; col < V; col++) {
      const count = c.counts[row * V + col];
      const fill = bluesColor(count, vmin, vmax);
      cells.push({
        row,
        col,
        x: MARGIN + col * cellSize,
        y: gridTop + row * cellSize,
        fill,
        textColor: contrast(GRAY, fill) >= contrast(WHITE, fill) ? GRAY : WHITE,
        label: shown[row] + shown[col],
        count,
      });
    }
  }
  const half = cellSize / 2;
  return {
    tokens: V,
    width: 2 * MARGIN + V * cellSize,
    height: gridTop + V * cellSize + MARGIN,
    cellSize,
    title: opts.title ?? `bigram counts N: ${V}×${V}, ${c.numBigrams} bigrams in ${c.numWords} words (row: first character, column: second)`,
    titleX: MARGIN,
    titleBaseline: MARGIN + FONT.ascent,
    titleColor: TITLE_COLOR,
    // like plt.text's va='bottom' and va='top': the bigram ends at the centre, the count starts there
    labelBaseline: Math.round(half - FONT.descent),
    countBaseline: Math.round(half + LABEL_GAP + DIGIT_HEIGHT),
    cells,
  };
}
