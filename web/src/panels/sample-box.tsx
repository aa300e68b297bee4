import { useState } from "preact/hooks";
import * as mm from "makemore";
import type { WordList } from "../data/words.js";

interface Props {
  loaded: mm.LoadedModel | null;
  words: WordList;
  onHoverWord(word: string): void;
}

/** Temperature on a log scale: the slider's 0…100 covers 0.1…10 with 1 in the middle. */
const tempOf = (pos: number) => Math.round(10 ** ((pos - 50) / 50) * 100) / 100;
const posOf = (t: number) => Math.round(50 + 50 * Math.log10(t));

/**
 * Count, temperature, top-k, prefix and seed. The draws are makemore --sample-only's (seed,
 * split, model init, then sampling), so the same seed gives the CLI's words.
 */
export function SampleBox({ loaded, words, onHoverWord }: Props) {
  const [num, setNum] = useState("20");
  const [temperature, setTemperature] = useState(1);
  const [topK, setTopK] = useState("");
  const [prefix, setPrefix] = useState("");
  const [seed, setSeed] = useState(String(mm.MAKEMORE_DEFAULTS.seed));
  const [out, setOut] = useState<mm.MakemoreSamples | null>(null);
  const [error, setError] = useState<string | null>(null);

  const sample = () => {
    if (!loaded) return;
    try {
      const n = Number(num);
      const k = topK.trim() === "" || topK.trim() === "-1" ? null : Number(topK);
      if (!/^\d+$/.test(seed.trim())) throw new Error(`--seed must be an integer, got '${seed}'.`);
      setOut(mm.sampleAsMakemore(loaded, words.words, { seed: Number(seed), num: n, temperature, topK: k, prefix: prefix || undefined }));
      setError(null);
    } catch (e) {
      setOut(null);
      setError(`makemore: ${(e as Error).message}`);
    }
  };

  return (
    <div>
      <div class="grid4">
        <label class="field">
          <span>count</span>
          <input value={num} onInput={(e) => setNum((e.target as HTMLInputElement).value)} data-testid="sample-count" />
        </label>
        <label class="field">
          <span>top-k</span>
          <input value={topK} placeholder="all" onInput={(e) => setTopK((e.target as HTMLInputElement).value)} data-testid="sample-top-k" />
        </label>
        <label class="field">
          <span>prefix</span>
          <input value={prefix} onInput={(e) => setPrefix((e.target as HTMLInputElement).value)} data-testid="sample-prefix" />
        </label>
        <label class="field">
          <span>seed</span>
          <input value={seed} onInput={(e) => setSeed((e.target as HTMLInputElement).value)} data-testid="sample-seed" />
        </label>
      </div>
      <div class="field" style={{ marginTop: "8px" }}>
        <span>temperature</span>
        <div class="slider">
          <input
            type="range"
            min={0}
            max={100}
            value={posOf(temperature)}
            data-testid="sample-temperature"
            onInput={(e) => setTemperature(tempOf(Number((e.target as HTMLInputElement).value)))}
          />
          <output>{temperature.toFixed(2)}</output>
          <button class="btn primary" data-testid="sample-button" disabled={!loaded} onClick={sample}>
            Sample
          </button>
        </div>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div data-testid="sample-output" style={{ marginTop: "10px" }}>
        {out?.groups &&
          (
            [
              ["in train", "train", out.groups.inTrain],
              ["in test", "test", out.groups.inTest],
              ["new", "fresh", out.groups.fresh],
            ] as const
          ).map(([title, cls, ws]) =>
            ws.length ? (
              <div style={{ marginBottom: "6px" }}>
                <div class="hint">
                  {ws.length} {title}
                </div>
                <div class="wordlist">
                  {ws.map((w) => (
                    <span class={`word ${cls}`} onMouseEnter={() => onHoverWord(w)}>
                      {w}
                    </span>
                  ))}
                </div>
              </div>
            ) : null,
          )}
        {out && !out.groups && (
          <div>
            <div class="hint">
              {out.words.length} samples (not grouped: {out.ungroupedBecause})
            </div>
            <div class="wordlist">
              {out.words.map((w) => (
                <span class="word" onMouseEnter={() => onHoverWord(w)}>
                  {w}
                </span>
              ))}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
