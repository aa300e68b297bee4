import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import type { EvalEvent } from "makemore";
import type { Observable } from "../store/observable.js";

interface Props {
  curve: { steps: number[]; losses: number[]; version: Observable<number> };
  evals: EvalEvent[];
}

const SMOOTHING = 0.95;

/** Exponential moving average, debiased like TensorBoard's, so the first steps are not pulled to 0. */
function smooth(losses: number[]): number[] {
  const out = new Array<number>(losses.length);
  let ema = 0;
  let weight = 0;
  for (let i = 0; i < losses.length; i++) {
    ema = SMOOTHING * ema + (1 - SMOOTHING) * losses[i];
    weight = SMOOTHING * weight + (1 - SMOOTHING);
    out[i] = ema / weight;
  }
  return out;
}

/** The chart's columns: x = step; eval points sit at their step, null elsewhere. */
function columns(steps: number[], losses: number[], evals: EvalEvent[]): uPlot.AlignedData {
  const xs = steps.slice();
  const at = new Map<number, number>();
  for (const e of evals) at.set(e.step, at.size);
  // evaluations at steps the (thinned) curve lacks still need an x to sit on
  const have = new Set(xs);
  const extra = evals.filter((e) => !have.has(e.step)).map((e) => e.step);
  let ys = losses.slice();
  if (extra.length) {
    const merged = xs.map((x, i) => [x, ys[i]] as [number, number | null]).concat(extra.map((x) => [x, null] as [number, null]));
    merged.sort((a, b) => a[0] - b[0]);
    xs.splice(0, xs.length, ...merged.map((m) => m[0]));
    ys = merged.map((m) => m[1]) as number[];
  }
  const train = xs.map((x) => (at.has(x) ? evals[at.get(x)!].trainLoss : null));
  const test = xs.map((x) => (at.has(x) ? evals[at.get(x)!].testLoss : null));
  const filled = ys.map((y) => y ?? NaN);
  const sm = smooth(filled.filter(Number.isFinite));
  let k = 0;
  const smoothed = filled.map((y) => (Number.isFinite(y) ? sm[k++] : null));
  return [xs, ys.map((y) => (Number.isFinite(y) ? y : null)), smoothed, train, test] as uPlot.AlignedData;
}

/** Loss per step (faint), smoothed, and makemore's train and test evaluations, live. */
export function LossChart({ curve, evals }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const evalsRef = useRef(evals);
  evalsRef.current = evals;

  useEffect(() => {
    const el = box.current!;
    const opts: uPlot.Options = {
      width: el.clientWidth || 800,
      height: 300,
      legend: { show: false },
      cursor: { drag: { x: true, y: false }, points: { size: 6 } },
      scales: { x: { time: false } },
      axes: [
        {
          stroke: "#6a7385",
          grid: { stroke: "#eef0f3" },
          ticks: { stroke: "#e3e6ec" },
          label: "step",
          labelSize: 18,
          font: "12px system-ui",
          labelFont: "12px system-ui",
        },
        {
          stroke: "#6a7385",
          grid: { stroke: "#eef0f3" },
          ticks: { stroke: "#e3e6ec" },
          label: "loss (nats / char)",
          labelSize: 18,
          size: 52,
          font: "12px system-ui",
          labelFont: "12px system-ui",
        },
      ],
      series: [
        {},
        { label: "step loss", stroke: "rgba(47,111,222,0.18)", width: 1, points: { show: false } },
        { label: "smoothed", stroke: "#2f6fde", width: 2, points: { show: false } },
        { label: "train (eval)", stroke: "#1d3f8a", width: 1.5, dash: [4, 3], spanGaps: true, points: { show: true, size: 7, fill: "#1d3f8a" } },
        { label: "test (eval)", stroke: "#e8742a", width: 2, spanGaps: true, points: { show: true, size: 8, fill: "#e8742a" } },
      ],
    };
    plot.current = new uPlot(opts, columns(curve.steps, curve.losses, evalsRef.current), el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth, height: 300 }));
    resize.observe(el);
    // redraw at most once a frame, however fast the steps come
    let frame = 0;
    const redraw = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        plot.current?.setData(columns(curve.steps, curve.losses, evalsRef.current));
      });
    };
    const unsubscribe = curve.version.subscribe(redraw);
    return () => {
      unsubscribe();
      resize.disconnect();
      cancelAnimationFrame(frame);
      plot.current?.destroy();
      plot.current = null;
    };
  }, [curve]);

  useEffect(() => {
    plot.current?.setData(columns(curve.steps, curve.losses, evals));
  }, [evals]);

  const empty = curve.steps.length === 0 && evals.length === 0;
  return (
    <div style={{ position: "relative" }}>
      <div class="chart" ref={box} data-testid="loss-chart" />
      {empty && <div class="chart-empty">The loss appears here, step by step, as the model trains.</div>}
    </div>
  );
}
