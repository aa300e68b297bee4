import { useMemo } from "preact/hooks";
import * as mm from "makemore";
import { VegaChart } from "../charts/vega-chart.js";

interface Props {
  projection: mm.EmbeddingProjection | null;
  /** what the points are: "step 1350 of this run, live", or the model on the page */
  source: string | null;
  /** why there is nothing to draw */
  empty: string;
}

/** The token embedding as the library projects it (the two dims, or PCA), one labelled point per character. */
export function EmbeddingPanel({ projection, source, empty }: Props) {
  const spec = useMemo(() => (projection ? mm.embeddingProjectionSpec(projection) : null), [projection]);
  return (
    <section class="card" data-testid="embedding-panel">
      <h2>
        Embedding{" "}
        {source && (
          <span class="aside hint" data-testid="embedding-source">
            {source}
          </span>
        )}
      </h2>
      {spec ? <VegaChart spec={spec} name="embedding" testId="embedding-chart" /> : <p class="empty">{empty}</p>}
    </section>
  );
}
