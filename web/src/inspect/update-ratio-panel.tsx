import { useEffect, useMemo, useState } from "preact/hooks";
import * as mm from "makemore";
import { VegaChart } from "../charts/vega-chart.js";
import type { RatioSeries } from "../store/ratio-series.js";

/** Redraw at most this often while a run trains: each redraw compiles the spec afresh. */
const REDRAW_MS = 1000;

interface Props {
  ratios: RatioSeries;
  /** the settings on the page ask for --track-stats */
  tracking: boolean;
  onTrack(): void;
}

/** The lecture's update:data ratio per weight matrix, step by step, from the session's trackStats, with the line at −3. */
export function UpdateRatioPanel({ ratios, tracking, onTrack }: Props) {
  const [version, setVersion] = useState(ratios.version.value);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const unsubscribe = ratios.version.subscribe((v) => {
      if (timer) return;
      const wait = Math.max(0, last + REDRAW_MS - performance.now());
      timer = setTimeout(() => {
        timer = null;
        last = performance.now();
        setVersion(v);
      }, wait);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [ratios]);
  const spec = useMemo(() => {
    if (ratios.length === 0) return null;
    const { series, steps } = ratios.series();
    return mm.updateRatioSpec(series, { steps });
  }, [ratios, version]);

  return (
    <section class="card" data-testid="update-ratio-panel">
      <h2>Update : data ratios {spec && <span class="aside hint">log10(std(lr·grad) / std(p)), every weight matrix</span>}</h2>
      {spec && <VegaChart spec={spec} name="update-ratio" testId="update-ratio-chart" />}
      {!spec && tracking && <p class="empty">Each weight matrix's update:data ratio appears here, step by step, as the model trains.</p>}
      {!spec && !tracking && (
        <p class="empty">
          The session records them with <code>--track-stats</code> (a little cost per step).{" "}
          <button class="btn link" data-testid="track-stats-on" onClick={onTrack}>
            Track them in the next run
          </button>
        </p>
      )}
    </section>
  );
}
