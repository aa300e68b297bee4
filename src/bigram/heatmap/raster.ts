import type { Rgb } from "./colormap.js";

/** An 8-bit RGB image, row-major, no alpha: all the heatmap needs. */
export class RgbImage {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
      throw new Error(`image size must be positive integers, got ${width}×${height}`);
    }
    this.data = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  fillRect(x: number, y: number, w: number, h: number, color: Rgb): void {
    const x0 = Math.max(0, x);
    const x1 = Math.min(this.width, x + w);
    for (let row = Math.max(0, y); row < Math.min(this.height, y + h); row++) {
      for (let col = x0; col < x1; col++) this.data.set(color, (row * this.width + col) * 3);
    }
  }

  /** Mixes `color` over the pixel with weight alpha (0…1); pixels outside the image are skipped. */
  blend(x: number, y: number, color: Rgb, alpha: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const at = (y * this.width + x) * 3;
    for (let ch = 0; ch < 3; ch++) this.data[at + ch] = Math.round(this.data[at + ch] + (color[ch] - this.data[at + ch]) * alpha);
  }

  pixel(x: number, y: number): Rgb {
    const at = (y * this.width + x) * 3;
    return [this.data[at], this.data[at + 1], this.data[at + 2]];
  }
}
