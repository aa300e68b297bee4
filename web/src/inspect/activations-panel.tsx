import { useMemo } from "preact/hooks";
import * as mm from "makemore";
import { VegaChart } from "../charts/vega-chart.js";
import type { ReportState } from "./use-report.js";

interface Props {
  state: ReportState;
  source: string | null;
}

/**
 * The lecture's activation and gradient histograms: every tanh, gelu or recurrent hidden state
 * on one training batch, and the gradient flowing back into each (the library's inspectModel).
 */
export function ActivationsPanel({ state, source }: Props) {
  const { report, error, busy } = state;
  const specs = useMemo(() => {
    if (!report?.activations.length) return null;
    const label = <T extends { name: string }>(s: T) => ({ ...s, label: s.name });
    return { activations: mm.activationHistogramSpec(report.activations.map(label)), gradients: mm.gradientHistogramSpec(report.gradients.map(label)) };
  }, [report]);
  return (
    <section class="card" data-testid="activations-panel">
      <h2>Activations &amp; gradients {source && <span class="aside hint">{busy ? "measuring…" : source}</span>}</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!report && !error && <p class="empty">Train a model, or upload one: its activations on a training batch appear here.</p>}
      {report && !specs && <p class="empty">The {report.type} has no nonlinearity between its input and its output: nothing to histogram.</p>}
      {specs && (
        <>
          <VegaChart spec={specs.activations} name="activations" testId="activations-chart" />
          <VegaChart spec={specs.gradients} name="gradients" testId="gradients-chart" />
        </>
      )}
    </section>
  );
}
