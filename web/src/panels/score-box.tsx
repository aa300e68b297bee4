import { useState } from "preact/hooks";
import * as mm from "makemore";

/** A word's NLL per character and perplexity, with each character's probability drawn under it. */
export function ScoreBox({ loaded }: { loaded: mm.LoadedModel | null }) {
  const [word, setWord] = useState("andrej");
  const [result, setResult] = useState<mm.WordCharScores | null>(null);
  const [error, setError] = useState<string | null>(null);

  const score = () => {
    if (!loaded) return;
    try {
      setResult(mm.scoreChars(loaded, word.trim()));
      setError(null);
    } catch (e) {
      setResult(null);
      setError(`makemore: ${(e as Error).message}`);
    }
  };

  return (
    <div style={{ marginTop: "16px", borderTop: "1px solid var(--line)", paddingTop: "12px" }}>
      <div class="slider">
        <input
          class="input"
          style={{ flex: 1 }}
          value={word}
          data-testid="score-word"
          placeholder="a word"
          onInput={(e) => setWord((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => e.key === "Enter" && score()}
        />
        <button class="btn" data-testid="score-button" disabled={!loaded} onClick={score}>
          Score
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div data-testid="score-output">
          <div class="kv">
            <div>
              <span>NLL / character</span>
              <b data-testid="score-nll">{result.nll.toFixed(4)}</b>
            </div>
            <div>
              <span>perplexity</span>
              <b data-testid="score-perplexity">{result.perplexity.toFixed(3)}</b>
            </div>
            <div>
              <span>P(word)</span>
              <b>{Math.exp(-result.nll * result.chars.length).toExponential(2)}</b>
            </div>
          </div>
          <div class="scored">
            {result.chars.map((c) => (
              <div class="ch" title={`P(${c.char || "end"}) = ${c.p.toFixed(4)}, −log P = ${(-Math.log(c.p)).toFixed(3)}`}>
                <div class="glyph">{c.char || "."}</div>
                <div class="bar">
                  <i style={{ height: `${Math.max(2, c.p * 100)}%` }} />
                </div>
                <div class="p">{c.p < 0.01 ? c.p.toExponential(0) : c.p.toFixed(2)}</div>
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
