import { useEffect, useMemo, useState } from "preact/hooks";
import * as mm from "makemore";
import { VegaChart } from "../charts/vega-chart.js";
import type { InspectClient } from "../store/inspect-client.js";

interface Props {
  client: InspectClient;
  model: Uint8Array | null;
  /** the model's type (null: no model yet) */
  type: mm.ModelType | null;
  /** the word hovered last in the samples (or typed here) */
  word: string | null;
  onWord(word: string): void;
}

type Maps = { word: string; data: mm.AttentionMapData };

/** Cell pixels so that a layer's row of maps takes about MAPS_WIDTH (within readable bounds). */
const MAPS_WIDTH = 720;
const cellFor = (a: mm.AttentionMapData) => Math.max(12, Math.min(34, Math.floor(MAPS_WIDTH / ((a.maps[0]?.length ?? 1) * a.tokens.length))));

/** Layer × head attention maps of a sampled word, as the transformer on the page reads it (the library's attentionMaps). */
export function AttentionPanel({ client, model, type, word, onWord }: Props) {
  const [maps, setMaps] = useState<Maps | null>(null);
  const [error, setError] = useState<string | null>(null);
  const unavailable = type ? mm.attentionUnavailable(type) : null;

  useEffect(() => {
    setMaps(null);
  }, [model, unavailable]);
  useEffect(() => {
    setError(null);
    // the maps of the previous word stay up until this word's arrive: no flicker along a row of words
    if (!model || unavailable || !word) return;
    let live = true;
    client
      .ask({ cmd: "attention", model, word })
      .then((data) => live && setMaps({ word, data }))
      .catch((e: Error) => live && (setMaps(null), setError(`makemore: ${e.message}`)));
    return () => {
      live = false;
    };
  }, [client, model, word, unavailable]);
  // larger cells than the library's file default: the panel is wide, and the maps are the point
  const spec = useMemo(() => (maps ? mm.attentionSpec(maps.data, maps.word, { cell: cellFor(maps.data) }) : null), [maps]);

  return (
    <section class="card" data-testid="attention-panel">
      <h2>
        Attention
        <span class="aside">
          <input
            class="input small"
            placeholder="a word"
            value={word ?? ""}
            disabled={!model || unavailable !== null}
            data-testid="attention-word"
            onInput={(e) => onWord((e.target as HTMLInputElement).value)}
          />
        </span>
      </h2>
      {!model && <p class="empty">Train a transformer, or upload one; then hover a sampled word to see how each head reads it.</p>}
      {model && unavailable && (
        <p class="hint" data-testid="attention-unavailable">
          {unavailable[0].toUpperCase() + unavailable.slice(1)}.
        </p>
      )}
      {model && !unavailable && !word && (
        <p class="empty">
          Hover a sampled word (in Samples, or Sample &amp; score) to see, for each layer and head, which earlier characters each position reads.
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {spec && <VegaChart spec={spec} name={`attention-${maps!.word}`} testId="attention-chart" />}
    </section>
  );
}
