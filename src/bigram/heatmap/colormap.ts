/** matplotlib's 'Blues' (ColorBrewer's 9-class Blues, interpolated linearly between the stops). */
const BLUES_STOPS: readonly (readonly [number, number, number])[] = [
  [0.96862745098039216, 0.98431372549019602, 1.0],
  [0.87058823529411766, 0.92156862745098034, 0.96862745098039216],
  [0.77647058823529413, 0.85882352941176465, 0.93725490196078431],
  [0.61960784313725492, 0.792156862745098, 0.88235294117647056],
  [0.41960784313725491, 0.68235294117647061, 0.83921568627450982],
  [0.25882352941176473, 0.5725490196078431, 0.77647058823529413],
  [0.12941176470588237, 0.44313725490196076, 0.70980392156862748],
  [0.03137254901960784, 0.31764705882352939, 0.61176470588235299],
  [0.03137254901960784, 0.18823529411764706, 0.41960784313725491],
];

const LUT_SIZE = 256;

/** The 256-entry lookup table matplotlib builds (`_create_lookup_table`), as 8-bit RGB: ×255, truncated. */
const LUT: readonly (readonly [number, number, number])[] = Array.from({ length: LUT_SIZE }, (_, i) => {
  const last = BLUES_STOPS.length - 1;
  const channel = (ch: number): number => {
    if (i === 0) return BLUES_STOPS[0][ch];
    if (i === LUT_SIZE - 1) return BLUES_STOPS[last][ch];
    const x = i / (LUT_SIZE - 1);
    const k = Math.floor(x * last); // the stop below x
    const distance = (x - k / last) * last;
    return distance * (BLUES_STOPS[k + 1][ch] - BLUES_STOPS[k][ch]) + BLUES_STOPS[k][ch];
  };
  return [channel(0), channel(1), channel(2)].map((v) => Math.floor(v * 255)) as unknown as readonly [number, number, number];
});

export type Rgb = readonly [number, number, number];

/** The colour of `value` on a linear scale from vmin to vmax, as `imshow(N, cmap='Blues')` draws it. */
export function bluesColor(value: number, vmin: number, vmax: number): Rgb {
  const t = vmax > vmin ? (value - vmin) / (vmax - vmin) : 0;
  const i = Math.min(LUT_SIZE - 1, Math.max(0, Math.floor(t * LUT_SIZE)));
  return LUT[i];
}

export function hex(rgb: Rgb): string {
  return "#" + rgb.map((v) => v.toString(16).padStart(2, "0")).join("");
}

/** Relative luminance (sRGB), to pick a label colour that stays readable on dark cells. */
export function luminance(rgb: Rgb): number {
  const lin = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}
