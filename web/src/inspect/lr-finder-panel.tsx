import { useMemo, useState } from "preact/hooks";
import * as mm from "makemore";
import { VegaChart } from "../charts/vega-chart.js";
import type { InspectClient } from "../store/inspect-client.js";
import type { LrFindAnswer } from "../worker/inspect-protocol.js";
import type { Settings } from "../settings/flags.js";
import type { WordList } from "../data/words.js";
import { lrFindArgs, parseLrFindFields, LR_FIND_FIELDS, type LrFindFields } from "./lr-find-options.js";

interface Props {
  client: InspectClient;
  settings: Settings;
  words: WordList;
  onUseLr(lr: number): void;
}

type Run = { points: mm.LrFindResult["points"]; title: string; steps: number; result: LrFindAnswer | null; error: string | null };

/**
 * The lecture's learning-rate finder (the library's lrFindOnWords, what `makemore lr-find` runs)
 * on a fresh model of the page's type and sizes, in its own Worker, drawn as it goes.
 */
export function LrFinderPanel({ client, settings, words, onUseLr }: Props) {
  const [fields, setFields] = useState<LrFindFields>({ steps: "500", lo: "-4", hi: "-1", optimizer: "adamw", batchSize: "32" });
  const [run, setRun] = useState<Run | null>(null);
  const parsed = useMemo(() => parseLrFindFields(fields), [fields]);
  const running = run !== null && run.result === null && run.error === null;

  const find = () => {
    if ("error" in parsed) return;
    const options = {
      ...parsed.options,
      type: settings.type,
      nLayer: settings.nLayer,
      nHead: settings.nHead,
      nEmbd: settings.nEmbd,
      nEmbd2: settings.nEmbd2,
      seed: settings.seed,
    };
    const points: mm.LrFindResult["points"] = [];
    // the CLI's title for the same curve (makemore lr-find --plots)
    const title = `learning-rate finder: ${options.type}, ${options.optimizer}, loss at step i with lr = 10^linspace(${options.lo}, ${options.hi}, ${options.steps})[i]`;
    setRun({ points: [], title, steps: options.steps, result: null, error: null });
    client
      .ask({ cmd: "lr-find", words: words.words, options }, (more) => {
        points.push(...more);
        setRun((r) => r && { ...r, points: points.slice() });
      })
      .then((result) => setRun((r) => r && { ...r, points: result.points, result }))
      .catch((e: Error) => setRun((r) => r && { ...r, error: e.message === "cancelled" ? "stopped" : `makemore: ${e.message}` }));
  };

  const spec = useMemo(() => {
    if (!run || run.points.length < 2) return null;
    return mm.lrFindSpec(run.points, run.result?.suggested, run.title);
  }, [run?.points, run?.result]);

  return (
    <section class="card" data-testid="lr-finder-panel">
      <h2>
        Learning-rate finder{" "}
        {run && (
          <span class="aside hint" data-testid="lr-progress">
            {run.points.length} / {run.steps} steps
          </span>
        )}
      </h2>
      <div class="grid5">
        {LR_FIND_FIELDS.map((f) => (
          <label class="field" title={f.help}>
            <span>{f.label}</span>
            {f.choices ? (
              <select
                value={fields[f.key]}
                disabled={running}
                data-testid={`lr-${f.key}`}
                onChange={(e) => setFields({ ...fields, [f.key]: (e.target as HTMLSelectElement).value })}
              >
                {f.choices.map((c) => (
                  <option value={c}>{c}</option>
                ))}
              </select>
            ) : (
              <input
                value={fields[f.key]}
                disabled={running}
                data-testid={`lr-${f.key}`}
                onInput={(e) => setFields({ ...fields, [f.key]: (e.target as HTMLInputElement).value })}
              />
            )}
          </label>
        ))}
      </div>
      <div class="controls" style={{ marginTop: "10px" }}>
        <button class="btn primary" data-testid="lr-find" disabled={running || "error" in parsed} onClick={find}>
          Find
        </button>
        <button class="btn" data-testid="lr-stop" disabled={!running} onClick={() => client.cancel()}>
          ■ Stop
        </button>
        {run?.result && (
          <>
            <span data-testid="lr-suggested">
              suggested: <b class="mono">{run.result.suggested.lr.toExponential(2)}</b>
            </span>
            <button class="btn small" data-testid="lr-use" onClick={() => onUseLr(Number(run.result!.suggested.lr.toPrecision(2)))}>
              use it as the learning rate
            </button>
          </>
        )}
      </div>
      {"error" in parsed && (
        <p class="error" role="alert">
          makemore: {parsed.error}
        </p>
      )}
      {run?.error && <p class={run.error === "stopped" ? "hint" : "error"}>{run.error}</p>}
      {spec ? (
        <VegaChart spec={spec} name="lr-find" testId="lr-chart" />
      ) : (
        !run && (
          <p class="empty">
            A fresh {settings.type} of the sizes above trains one step at each learning rate, from 10^lo to 10^hi; the loss against the rate shows where
            training is fast and where it blows up.
          </p>
        )
      )}
      <div class="cli" title="the same curve on the command line">
        $ {lrFindArgs(settings, words.source, fields)}
      </div>
    </section>
  );
}
