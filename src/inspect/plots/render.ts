// Node only: Vega-Lite spec → SVG (vega-lite compiles, vega's headless View draws) → PNG
// (resvg, as WebAssembly: no native build). Loaded with dynamic imports, so only the commands
// that plot pay for these packages, and the browser entry never reaches them.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { VegaLiteSpec } from "./theme.js";
import { FONT } from "./theme.js";
import { type LossRecord, lossPlotSpec } from "./curve-specs.js";

/** DejaVu Sans, shipped in assets/fonts: resvg-wasm sees no system fonts, so text needs a font given to it. */
const FONT_FILE = fileURLToPath(new URL("../../../../assets/fonts/DejaVuSans.ttf", import.meta.url));

export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const [vl, vega] = await Promise.all([import("vega-lite"), import("vega")]);
  const compiled = vl.compile(spec as unknown as Parameters<typeof vl.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

let resvgReady: Promise<typeof import("@resvg/resvg-wasm")> | null = null;
let fontBytes: Uint8Array | null = null;

function loadResvg(): Promise<typeof import("@resvg/resvg-wasm")> {
  resvgReady ??= (async () => {
    const resvg = await import("@resvg/resvg-wasm");
    const wasm = readFileSync(createRequire(import.meta.url).resolve("@resvg/resvg-wasm/index_bg.wasm"));
    await resvg.initWasm(wasm);
    fontBytes = new Uint8Array(readFileSync(FONT_FILE));
    return resvg;
  })();
  return resvgReady;
}

/** The SVG drawn at `scale`× (2: sharp on high-density screens). */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const { Resvg } = await loadResvg();
  const r = new Resvg(svg, {
    font: { fontBuffers: [fontBytes!], defaultFontFamily: FONT, sansSerifFamily: FONT, loadSystemFonts: false },
    fitTo: { mode: "zoom", value: scale },
    background: "white",
  });
  const png = r.render().asPng();
  r.free();
  return png;
}

/** Writes DIR/NAME.svg and DIR/NAME.png; returns their paths. */
export async function writePlot(spec: VegaLiteSpec, dir: string, name: string): Promise<{ svg: string; png: string }> {
  mkdirSync(dir, { recursive: true });
  const svg = await renderSvg(spec);
  const paths = { svg: join(dir, `${name}.svg`), png: join(dir, `${name}.png`) };
  writeFileSync(paths.svg, svg);
  writeFileSync(paths.png, await svgToPng(svg));
  return paths;
}

let lossPlotQueue: Promise<unknown> = Promise.resolve();

/**
 * The training run's loss.svg from its evaluations, written atomically. Rendering is
 * asynchronous, so writes queue in order and the latest records win; a failed render leaves
 * the previous plot in place rather than stopping training.
 */
export function writeLossPlot(path: string, records: readonly LossRecord[]): Promise<unknown> {
  const snapshot = records.slice();
  lossPlotQueue = lossPlotQueue
    .then(async () => {
      const svg = await renderSvg(lossPlotSpec(snapshot));
      const { writeFileAtomic } = await import("../../io/atomic.js");
      writeFileAtomic(path, svg);
    })
    .catch((e) => process.stderr.write(`makemore: could not draw ${path}: ${(e as Error).message}\n`));
  return lossPlotQueue;
}
