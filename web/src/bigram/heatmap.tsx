import { useMemo, useState } from "preact/hooks";
import * as mm from "makemore";

interface Props {
  counts: mm.BigramCounts;
  /** P with the chosen smoothing, row-major V×V */
  probs: Float32Array;
  smoothing: number;
}

interface Hover {
  a: number;
  b: number;
}

/** The notebook's count matrix as a grid: the colour is the count; hovering shows count, P and −log P. */
export function Heatmap({ counts, probs, smoothing }: Props) {
  const [hover, setHover] = useState<Hover | null>(null);
  const V = counts.size;
  const label = (t: number) => mm.displayChar(mm.tokenChar(counts.vocab, t));
  const max = useMemo(() => counts.counts.reduce((m, c) => Math.max(m, c), 0), [counts]);
  const cells = useMemo(() => {
    const out = [];
    for (let a = 0; a < V; a++) {
      out.push(<div class="head">{label(a)}</div>);
      for (let b = 0; b < V; b++) {
        const n = counts.counts[a * V + b];
        const fill = mm.bluesColor(n, 0, max);
        const ink = mm.luminance(fill) < 0.4 ? "#fff" : "#5b6372";
        out.push(
          <div class="cell" style={{ background: mm.rgbHex(fill), color: ink }} data-a={a} data-b={b} onMouseEnter={() => setHover({ a, b })}>
            <span>
              {label(a)}
              {label(b)}
            </span>
            <span>{n}</span>
          </div>,
        );
      }
    }
    return out;
  }, [counts, max]);

  const h = hover;
  const p = h ? probs[h.a * V + h.b] : 0;
  return (
    <div>
      <div class="tooltip" data-testid="heatmap-tooltip">
        {h ? (
          <>
            <div>
              <span>bigram</span>
              <b>
                {label(h.a)}
                {label(h.b)}
              </b>
            </div>
            <div>
              <span>count</span>
              <b data-testid="hover-count">{counts.counts[h.a * V + h.b]}</b>
            </div>
            <div>
              <span>
                P({label(h.b)} | {label(h.a)}){smoothing ? `, smoothing ${smoothing}` : ""}
              </span>
              <b data-testid="hover-p">{p.toFixed(4)}</b>
            </div>
            <div>
              <span>−log P</span>
              <b data-testid="hover-nll">{p > 0 ? (-Math.log(p)).toFixed(4) : "∞"}</b>
            </div>
          </>
        ) : (
          <span>Hover over a cell: row = the first character, column = the one after it. "." starts and ends every word.</span>
        )}
      </div>
      <div class="heatmap-wrap" onMouseLeave={() => setHover(null)}>
        <div class="heatmap" data-testid="heatmap" style={{ gridTemplateColumns: `22px repeat(${V}, 32px)` }}>
          <div />
          {Array.from({ length: V }, (_, b) => (
            <div class="head">{label(b)}</div>
          ))}
          {cells}
        </div>
      </div>
    </div>
  );
}
