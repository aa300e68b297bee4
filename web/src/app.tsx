import { useEffect, useMemo, useState } from "preact/hooks";
import { bundledNames, wordListFromText, type WordList } from "./data/words.js";
import { settingsFromQuery, settingsToQuery } from "./settings/url.js";
import { withDefaults, type Settings } from "./settings/flags.js";
import { RunController } from "./store/run-controller.js";
import { useObservable } from "./store/observable.js";
import { listRuns, type KeptRun } from "./store/runs-db.js";
import { DataPanel } from "./panels/data-panel.js";
import { ModelPanel } from "./panels/model-panel.js";
import { RunPanel } from "./panels/run-panel.js";
import { SamplesPanel } from "./panels/samples-panel.js";
import { CheckpointPanel } from "./panels/checkpoint-panel.js";
import { UseModelPanel } from "./panels/use-model-panel.js";
import { BigramTab } from "./bigram/bigram-tab.js";
import { EnvBadges } from "./panels/env-badges.js";
import { configOf, type ModelFile } from "./model/model-file.js";
import { InspectClient } from "./store/inspect-client.js";
import { useReport } from "./inspect/use-report.js";
import { InsideModel } from "./inspect/inside-model.js";
import { AttentionPanel } from "./inspect/attention-panel.js";

type Tab = "playground" | "bigram";

const initialQuery = settingsFromQuery(location.search);
const initialTab: Tab = new URLSearchParams(location.search).get("tab") === "bigram" ? "bigram" : "playground";

export function App() {
  const controller = useMemo(() => new RunController(), []);
  // two inspect Workers: a long LR finder never holds up the diagnostics of the model on the page
  const diagnostics = useMemo(() => new InspectClient("makemore-inspect"), []);
  const lrFinder = useMemo(() => new InspectClient("makemore-lr-find"), []);
  const [hovered, setHovered] = useState<string | null>(null);
  const run = useObservable(controller.state);
  const [tab, setTab] = useState<Tab>(initialTab);
  const [words, setWords] = useState<WordList>(() => bundledNames());
  const [settings, setSettings] = useState<Settings>(initialQuery.settings);
  const [runs, setRuns] = useState<KeptRun[]>([]);
  /** the model that Sample & score and Download use: the run's best, or an uploaded one */
  const [uploaded, setUploaded] = useState<ModelFile | null>(null);

  const refreshRuns = () =>
    listRuns()
      .then(setRuns)
      .catch(() => setRuns([]));

  useEffect(() => {
    const q = settingsToQuery(settings);
    const tabPart = tab === "bigram" ? `${q ? "&" : ""}tab=bigram` : "";
    history.replaceState(null, "", `${location.pathname}${q || tabPart ? "?" : ""}${q}${tabPart}`);
  }, [settings, tab]);

  // a reload brings back the newest kept run: its model, its curve and its words
  useEffect(() => {
    listRuns()
      .then((all) => {
        setRuns(all);
        const last = all[0];
        if (!last) return;
        controller.show(last);
        if (last.source !== words.source || last.text !== words.text)
          setWords(last.source === bundledNames().source ? bundledNames() : wordListFromText(last.text, last.source));
      })
      .catch(() => {});
  }, []);

  useEffect(() => {
    if (run.status === "done" || run.bestModel) void refreshRuns();
  }, [run.status, run.runId, run.evals.length]);

  const openRun = (r: KeptRun) => {
    setUploaded(null);
    controller.show(r);
    setSettings(withDefaults(r.settings));
    setWords(r.source === bundledNames().source ? bundledNames() : wordListFromText(r.text, r.source));
  };

  const busy = run.status === "starting" || run.status === "running" || run.status === "paused" || run.status === "stopping";
  const modelBytes = uploaded?.bytes ?? run.bestModel;
  const modelLabel = uploaded ? `uploaded: ${uploaded.name}` : run.bestModel ? `this run's best model (step ${run.modelStep ?? "?"})` : null;
  const report = useReport(diagnostics, modelBytes, words.words);
  const modelType = useMemo(() => {
    try {
      return modelBytes ? configOf(modelBytes, "the model").type : null;
    } catch {
      return null;
    }
  }, [modelBytes]);

  return (
    <>
      <header class="topbar">
        <div class="brand">
          <h1>
            make<span>more</span>
          </h1>
          <p>character-level language models, trained in your browser</p>
        </div>
        <nav class="tabs" role="tablist">
          <button class="tab" role="tab" aria-selected={tab === "playground"} onClick={() => setTab("playground")}>
            Playground
          </button>
          <button class="tab" role="tab" aria-selected={tab === "bigram"} data-testid="bigram-tab" onClick={() => setTab("bigram")}>
            Bigram notebook
          </button>
        </nav>
        <EnvBadges env={controller.env} workers={run.info?.workers ?? null} />
      </header>
      <main>
        {initialQuery.errors.length > 0 && (
          <p class="error" data-testid="url-error">
            makemore: {initialQuery.errors[0]}
          </p>
        )}
        <div hidden={tab !== "playground"}>
          <div class="layout">
            <div class="column">
              <DataPanel words={words} onWords={setWords} disabled={busy} />
              <ModelPanel settings={settings} onSettings={setSettings} words={words} disabled={busy} />
            </div>
            <div class="column">
              <RunPanel controller={controller} run={run} settings={settings} words={words} uploaded={uploaded} />
              <SamplesPanel samples={run.samples} onHoverWord={setHovered} />
              <AttentionPanel client={diagnostics} model={modelBytes} type={modelType} word={hovered} onWord={setHovered} />
              <div class="row2">
                <UseModelPanel bytes={modelBytes} label={modelLabel} words={words} onHoverWord={setHovered} />
                <CheckpointPanel
                  run={run}
                  runs={runs}
                  modelBytes={modelBytes}
                  uploaded={uploaded}
                  busy={busy}
                  onUploaded={(m) => setUploaded(m)}
                  onOpen={openRun}
                  onChanged={refreshRuns}
                />
              </div>
            </div>
          </div>
          <InsideModel
            controller={controller}
            run={run}
            report={report}
            modelLabel={modelLabel}
            uploaded={uploaded !== null}
            settings={settings}
            onSettings={setSettings}
            words={words}
            lrClient={lrFinder}
          />
        </div>
        {tab === "bigram" && <BigramTab words={words} />}
      </main>
    </>
  );
}
