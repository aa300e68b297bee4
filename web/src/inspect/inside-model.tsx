import type { RunController, RunState } from "../store/run-controller.js";
import type { InspectClient } from "../store/inspect-client.js";
import type { Settings } from "../settings/flags.js";
import type { WordList } from "../data/words.js";
import type { ReportState } from "./use-report.js";
import { EmbeddingPanel } from "./embedding-panel.js";
import { ActivationsPanel } from "./activations-panel.js";
import { UpdateRatioPanel } from "./update-ratio-panel.js";
import { LrFinderPanel } from "./lr-finder-panel.js";

interface Props {
  controller: RunController;
  run: RunState;
  /** the inspectModel report of the model the page holds */
  report: ReportState;
  /** what that model is ("this run's best model (step 900)", "uploaded: …") */
  modelLabel: string | null;
  /** an uploaded model is on the page: the live run's embedding is not its */
  uploaded: boolean;
  settings: Settings;
  onSettings(s: Settings): void;
  words: WordList;
  lrClient: InspectClient;
}

/**
 * The lectures' diagnostics, each the library's data drawn by the library's Vega-Lite spec:
 * the embedding (live at every evaluation), activations and gradients, update ratios (live,
 * with --track-stats) and the learning-rate finder.
 */
export function InsideModel({ controller, run, report, modelLabel, uploaded, settings, onSettings, words, lrClient }: Props) {
  const live = !uploaded && run.embedding ? run.embedding : null;
  const projection = live ? live.projection : (report.report?.embedding ?? null);
  const source = live ? `step ${live.step} of this run, live` : report.report ? modelLabel : null;
  return (
    <section class="inside" data-testid="inside-model">
      <h2 class="section-title">Inside the model</h2>
      <div class="row2">
        <EmbeddingPanel projection={projection} source={source} empty="The token embedding appears at the first evaluation, and moves at every one after." />
        <ActivationsPanel state={report} source={modelLabel} />
      </div>
      <div class="row2">
        <UpdateRatioPanel ratios={controller.ratios} tracking={settings.trackStats} onTrack={() => onSettings({ ...settings, trackStats: true })} />
        <LrFinderPanel client={lrClient} settings={settings} words={words} onUseLr={(learningRate) => onSettings({ ...settings, learningRate })} />
      </div>
    </section>
  );
}
