import { useMemo, useState } from "preact/hooks";
import * as mm from "makemore";
import type { WordList } from "../data/words.js";
import { Heatmap } from "./heatmap.js";

/**
 * The first lecture's notebook: counts, sampling from the normalised counts with the notebook's
 * generator, and the NLL of the data or of typed words, with smoothing. Every number comes from
 * the library's bigram functions, the same ones `makemore bigram` prints.
 */
export function BigramTab({ words }: { words: WordList }) {
  const [smoothingText, setSmoothingText] = useState("0");
  const [seed, setSeed] = useState(String(mm.NOTEBOOK_SEED));
  const [count, setCount] = useState("10");
  const [samples, setSamples] = useState<string[] | null>(null);
  const [typed, setTyped] = useState("andrejq");
  const [nllOf, setNllOf] = useState<"data" | "typed">("typed");
  const [error, setError] = useState<string | null>(null);

  const smoothing = Number(smoothingText);
  const counts = useMemo(() => mm.countBigrams(words.words), [words]);
  const P = useMemo(() => (Number.isFinite(smoothing) && smoothing >= 0 ? mm.bigramProbs(counts, smoothing) : null), [counts, smoothing]);
  const probs = useMemo(() => (P ? Float32Array.from(P.f32()) : new Float32Array(counts.size * counts.size)), [P]);

  const guard = (fn: () => void) => {
    try {
      if (!P) throw new Error(`--smoothing must be a number >= 0, got '${smoothingText}'.`);
      fn();
      setError(null);
    } catch (e) {
      setError(`makemore: ${(e as Error).message}`);
    }
  };
  const sample = () =>
    guard(() => {
      if (!/^\d+$/.test(seed.trim())) throw new Error(`--seed must be an integer, got '${seed}'.`);
      if (!/^\d+$/.test(count.trim())) throw new Error(`--num-samples must be an integer, got '${count}'.`);
      setSamples(mm.sampleBigramWords(P!, counts.vocab, { seed: BigInt(seed.trim()), count: Number(count) }));
    });

  let nllLines: string[] | null = null;
  let nllError: string | null = null;
  if (P) {
    try {
      const evaluated = nllOf === "data" ? words.words : mm.parseWords(typed.replace(/[\s,]+/g, "\n"));
      if (evaluated.length === 0) throw new Error("type a word to evaluate");
      const unknown = evaluated.flatMap((w) => counts.vocab.unknownChars(w));
      if (unknown.length) throw new Error(`${JSON.stringify(unknown[0])} is not in the vocabulary of ${words.source}`);
      const r = mm.bigramNll(P, counts.vocab, evaluated);
      nllLines = [
        `${r.n} bigrams in ${nllOf === "data" ? words.source : `${evaluated.length} given word${evaluated.length > 1 ? "s" : ""}`}; smoothing ${smoothing}`,
        ...mm.bigramNllSummaryLines(r),
      ];
    } catch (e) {
      nllError = `makemore: ${(e as Error).message}`;
    }
  }

  return (
    <div class="layout" data-testid="bigram">
      <div class="column">
        <section class="card">
          <h2>
            Counts{" "}
            <span class="aside hint">
              {counts.numBigrams.toLocaleString("en")} bigrams in {counts.numWords.toLocaleString("en")} words
            </span>
          </h2>
          <p class="hint" style={{ marginTop: 0 }}>
            <code>N[a, b]</code>: how often <i>b</i> follows <i>a</i> in <b>{words.source}</b>. <code>P = (N + smoothing) / row sums</code>.
          </p>
          <label class="field">
            <span>smoothing (the notebook's N + 1 is 1)</span>
            <input value={smoothingText} data-testid="bigram-smoothing" onInput={(e) => setSmoothingText((e.target as HTMLInputElement).value)} />
          </label>
        </section>
        <section class="card">
          <h2>Sample</h2>
          <div class="grid3">
            <label class="field">
              <span>seed</span>
              <input value={seed} data-testid="bigram-seed" onInput={(e) => setSeed((e.target as HTMLInputElement).value)} />
            </label>
            <label class="field">
              <span>words</span>
              <input value={count} data-testid="bigram-count" onInput={(e) => setCount((e.target as HTMLInputElement).value)} />
            </label>
            <label class="field">
              <span>&nbsp;</span>
              <button class="btn primary" data-testid="bigram-sample" onClick={sample}>
                Sample
              </button>
            </label>
          </div>
          <p class="hint">torch.Generator().manual_seed(seed), then multinomial on P's rows until "." comes back.</p>
          <div class="printed" data-testid="bigram-samples">
            {samples ? samples.join(" ") : <span class="empty">press Sample</span>}
          </div>
        </section>
        <section class="card">
          <h2>Negative log-likelihood</h2>
          <div class="tabs-mini">
            <button aria-pressed={nllOf === "typed"} onClick={() => setNllOf("typed")}>
              typed words
            </button>
            <button aria-pressed={nllOf === "data"} data-testid="bigram-nll-data" onClick={() => setNllOf("data")}>
              the whole data
            </button>
          </div>
          {nllOf === "typed" && (
            <input
              class="input"
              style={{ width: "100%", marginBottom: "8px" }}
              value={typed}
              data-testid="bigram-nll-words"
              onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
            />
          )}
          {nllError ? (
            <p class="error">{nllError}</p>
          ) : (
            <div class="printed" data-testid="bigram-nll">
              {nllLines?.join("\n")}
            </div>
          )}
        </section>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </div>
      <section class="card">
        <h2>
          N, the bigram counts <span class="aside hint">darker = more frequent</span>
        </h2>
        <Heatmap counts={counts} probs={probs} smoothing={smoothing} />
      </section>
    </div>
  );
}
