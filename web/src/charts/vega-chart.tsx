import { useEffect, useRef, useState } from "preact/hooks";
import type { VegaLiteSpec } from "makemore";

type Embed = typeof import("vega-embed").default;
type Result = Awaited<ReturnType<Embed>>;

let embedReady: Promise<Embed> | null = null;

/**
 * vega-embed (with vega and vega-lite) is a large chunk, so it loads on the first chart, from
 * this origin. The specs name the library's plot font, DejaVu Sans (styles.css serves it), and
 * vega measures label widths with it: it must be there before the first layout.
 */
function loadEmbed(): Promise<Embed> {
  embedReady ??= Promise.all([import("vega-embed"), document.fonts.load('12px "DejaVu Sans"').catch(() => [])]).then(([m]) => m.default);
  return embedReady;
}

interface Props {
  spec: VegaLiteSpec;
  /** the base name of the SVG / PNG the chart's menu saves */
  name: string;
  testId: string;
}

/**
 * A Vega-Lite spec from the library, drawn by vega-embed as SVG with tooltips: the same spec
 * the CLI renders to files. A new spec is drawn off to the side and then swapped in, so a
 * chart that updates live does not flicker; the previous view is finalized.
 */
export function VegaChart({ spec, name, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const shown = useRef<{ el: HTMLDivElement; result: Result } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drawn, setDrawn] = useState(0);

  useEffect(() => {
    let live = true;
    const next = document.createElement("div");
    next.style.display = "none";
    box.current!.appendChild(next);
    loadEmbed()
      .then((embed) =>
        embed(next, spec, {
          renderer: "svg",
          // the export menu only: source, compiled and "open in editor" would leave the page
          actions: { export: true, source: false, compiled: false, editor: false },
          downloadFileName: name,
          tooltip: { theme: "light" },
        }),
      )
      .then((result) => {
        if (!live) return result.finalize();
        shown.current?.result.finalize();
        shown.current?.el.remove();
        next.style.display = "";
        shown.current = { el: next, result };
        setError(null);
        setDrawn((n) => n + 1);
      })
      .catch((e: Error) => live && setError(`the chart could not be drawn: ${e.message}`))
      .finally(() => !live && next.remove());
    return () => {
      live = false;
    };
  }, [spec]);

  useEffect(
    () => () => {
      shown.current?.result.finalize();
      shown.current = null;
    },
    [],
  );

  return (
    <div class="vega-chart">
      <div ref={box} data-testid={testId} data-drawn={drawn} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
