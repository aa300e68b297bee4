import { useEffect, useState } from "preact/hooks";
import * as mm from "makemore";
import type { WordList } from "../data/words.js";
import { loadModelFile } from "../model/model-file.js";
import { SampleBox } from "./sample-box.js";
import { ScoreBox } from "./score-box.js";

interface Props {
  /** a self-describing .safetensors, or null when there is no model yet */
  bytes: Uint8Array | null;
  label: string | null;
  words: WordList;
  onHoverWord(word: string): void;
}

/** Sampling and scoring with the current model (the run's best, or an uploaded one), on this thread. */
export function UseModelPanel({ bytes, label, words, onHoverWord }: Props) {
  const [loaded, setLoaded] = useState<mm.LoadedModel | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    if (!bytes) return setLoaded(null);
    loadModelFile(bytes)
      .then((m) => live && setLoaded(m))
      .catch((e: Error) => live && (setLoaded(null), setError(`makemore: ${e.message}`)));
    return () => {
      live = false;
    };
  }, [bytes]);

  return (
    <section class="card" data-testid="use-model">
      <h2>Sample &amp; score</h2>
      <p class="hint" data-testid="model-source">
        {loaded ? (
          <>
            {label} · {loaded.config.type}, {loaded.model.numParameters().toLocaleString("en")} parameters
          </>
        ) : (
          "Train a model, or upload one, to sample from it."
        )}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <SampleBox loaded={loaded} words={words} onHoverWord={onHoverWord} />
      <ScoreBox loaded={loaded} />
    </section>
  );
}
