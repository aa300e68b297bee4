import { type VegaLiteSpec, spec } from "./theme.js";

export interface LrFindPoint {
  lr: number;
  loss: number;
}

/** Loss against learning rate on a log axis (the lecture plots it against lre = log10 lr); the dot marks the suggested rate. */
export function lrFindSpec(
  points: readonly LrFindPoint[],
  suggested?: LrFindPoint,
  title = "learning-rate finder: loss at step i with lr = 10^lre[i]",
): VegaLiteSpec {
  const x = { field: "lr", type: "quantitative", title: "learning rate (log scale)", scale: { type: "log" }, axis: { format: "~e" } };
  const y = { field: "loss", type: "quantitative", title: "minibatch loss", scale: { zero: false } };
  const tooltip = [
    { ...x, format: ".2e" },
    { ...y, format: ".4f" },
  ];
  const layer: Record<string, unknown>[] = [
    {
      data: { values: points.filter((p) => Number.isFinite(p.loss)) },
      // the invisible points carry each step's numbers to a page's tooltip (vega-embed); a line's own tooltip would show only its first point
      layer: [
        { mark: { type: "line", strokeWidth: 1, color: "#1f77b4" }, encoding: { x, y } },
        { mark: { type: "point", opacity: 0, size: 40 }, encoding: { x, y, tooltip } },
      ],
    },
  ];
  if (suggested)
    layer.push({
      data: { values: [{ ...suggested, text: `suggested lr ${suggested.lr.toExponential(1)}` }] },
      layer: [
        { mark: { type: "point", filled: true, size: 90, color: "#d62728" }, encoding: { x, y, tooltip } },
        { mark: { type: "text", dy: -14, color: "#d62728", fontSize: 12 }, encoding: { x, y, text: { field: "text" } } },
      ],
    });
  return spec({ title, width: 700, height: 360, layer });
}

export interface LossRecord {
  step: number;
  train_loss: number;
  test_loss: number;
}

/** Train and test loss against step (the training run's loss.svg). */
export function lossPlotSpec(records: readonly LossRecord[]): VegaLiteSpec {
  const values = records.flatMap((r) => [
    ...(Number.isFinite(r.train_loss) ? [{ step: r.step, split: "train", loss: r.train_loss }] : []),
    ...(Number.isFinite(r.test_loss) ? [{ step: r.step, split: "test", loss: r.test_loss }] : []),
  ]);
  return spec({
    title: "makemore: loss (nats per character)",
    width: 620,
    height: 340,
    data: { values },
    mark: { type: "line", point: values.length <= 60, strokeWidth: 2 },
    encoding: {
      x: { field: "step", type: "quantitative", title: "step" },
      y: { field: "loss", type: "quantitative", title: "loss", scale: { zero: false } },
      color: { field: "split", type: "nominal", title: null, sort: ["train", "test"], scale: { range: ["#1f77b4", "#ff7f0e"] } },
    },
  });
}

/** A smoothed training curve: the lecture's plt.plot(torch.tensor(lossi).view(-1, k).mean(1)). */
export function trainingCurveSpec(values: readonly number[], opts: { title: string; yTitle: string; xTitle: string }): VegaLiteSpec {
  return spec({
    title: opts.title,
    width: 620,
    height: 300,
    data: { values: values.map((v, i) => ({ i, v })) },
    mark: { type: "line", strokeWidth: 1.5 },
    encoding: {
      x: { field: "i", type: "quantitative", title: opts.xTitle },
      y: { field: "v", type: "quantitative", title: opts.yTitle, scale: { zero: false } },
    },
  });
}
