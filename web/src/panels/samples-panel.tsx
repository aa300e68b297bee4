import type { SamplesEvent } from "makemore";

/** The samples drawn at the newest evaluation, grouped as makemore prints them. */
export function SamplesPanel({ samples, onHoverWord }: { samples: SamplesEvent | null; onHoverWord(word: string): void }) {
  const groups = samples
    ? ([
        ["in train", "train", samples.inTrain],
        ["in test", "test", samples.inTest],
        ["new", "fresh", samples.fresh],
      ] as const)
    : null;
  return (
    <section class="card" data-testid="samples">
      <h2>Samples {samples && <span class="aside hint">at step {samples.step} · hover a word for its attention maps</span>}</h2>
      {!groups && <p class="empty">Samples appear at every evaluation.</p>}
      {groups && (
        <div class="samples">
          {groups.map(([title, cls, words]) => (
            <div data-testid={`samples-${cls}`}>
              <h3>
                <b>{words.length}</b> samples that are {title}
              </h3>
              <div class="wordlist">
                {words.length === 0 && <span class="empty">none</span>}
                {words.map((w) => (
                  <span class={`word ${cls}`} onMouseEnter={() => onHoverWord(w)}>
                    {w}
                  </span>
                ))}
              </div>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
