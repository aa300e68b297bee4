import type { RunController, RunState } from "../store/run-controller.js";
import type { Settings } from "../settings/flags.js";
import { checkSettings } from "../settings/parse-flag.js";
import type { WordList } from "../data/words.js";
import type { ModelFile } from "../model/model-file.js";
import { LossChart } from "../charts/loss-chart.js";

interface Props {
  controller: RunController;
  run: RunState;
  settings: Settings;
  words: WordList;
  uploaded: ModelFile | null;
}

const fmtRate = (x: number | null) => (x === null ? "—" : x >= 10000 ? `${(x / 1000).toFixed(1)}k` : Math.round(x).toLocaleString("en"));
const fmtMs = (x: number | null) => (x === null ? "—" : x < 1 ? x.toFixed(3) : x < 10 ? x.toFixed(2) : x.toFixed(1));

/** A kept run's own settings, with the budgets, evaluations, samples and tracking as the page now sets them. */
const continued = (run: Settings, now: Settings): Settings => ({
  ...run,
  maxSteps: now.maxSteps,
  maxTime: now.maxTime,
  evalEvery: now.evalEvery,
  numSamples: now.numSamples,
  temperature: now.temperature,
  topK: now.topK,
  workers: now.workers,
  trackStats: now.trackStats,
});

/** Start, pause, resume, step, stop and reset; the status; the numbers; the loss chart. */
export function RunPanel({ controller, run, settings, words, uploaded }: Props) {
  const last = run.evals[run.evals.length - 1];
  const going = run.status === "running" || run.status === "starting" || run.status === "stopping";
  const paused = run.status === "paused";
  let invalid: string | null = null;
  try {
    checkSettings(settings);
  } catch (e) {
    invalid = (e as Error).message;
  }

  const train = () => {
    if (paused) return controller.play();
    // an uploaded model, or a kept run on the page, is continued; otherwise a fresh run
    if (uploaded) return controller.start(settings, words, { model: uploaded.bytes });
    controller.start(settings, words);
  };
  const budgetLeft = settings.maxSteps === -1 || settings.maxSteps > run.stepsDone;
  const step = () => {
    if (paused) return controller.step();
    if (uploaded) return controller.start(settings, words, { model: uploaded.bytes }, true);
    controller.start(settings, words, undefined, true);
  };
  const canContinue = !going && !paused && run.trainState !== null && run.status !== "error";
  const dotClass = run.status === "running" ? "ok" : paused || run.status === "stopping" ? "warn" : "";

  return (
    <section class="card" data-testid="run-panel">
      <div class="controls">
        <button class="btn primary" data-testid="train" disabled={going || invalid !== null} onClick={train}>
          {paused ? "▶ Resume" : uploaded ? "▶ Train the uploaded model" : "▶ Train"}
        </button>
        <button class="btn" data-testid="pause" disabled={run.status !== "running"} onClick={controller.pause}>
          ❚❚ Pause
        </button>
        <button
          class="btn"
          data-testid="step"
          disabled={going || invalid !== null}
          onClick={step}
          title="run exactly one more step (from idle: start a run paused, after its first step)"
        >
          Step
        </button>
        <button class="btn" data-testid="stop" disabled={!(run.status === "running" || paused)} onClick={controller.stop}>
          ■ Stop
        </button>
        {canContinue && !uploaded && (
          <button
            class="btn"
            data-testid="continue"
            disabled={!budgetLeft}
            title={budgetLeft ? "continue this run bit for bit from its last checkpoint" : `raise max steps above ${run.stepsDone} to continue`}
            onClick={() => controller.start(continued(run.settings ?? settings, settings), words, { trainState: run.trainState! })}
          >
            Continue
          </button>
        )}
        <button class="btn" data-testid="reset" onClick={controller.reset} title="forget this run on the page and stop training (kept runs stay)">
          ↺ Reset
        </button>
        <span class="spacer" />
        <span class="status">
          <span class={`dot ${dotClass}`} />
          <span data-testid="status">{run.message}</span>
        </span>
      </div>
      <div class="metrics">
        <div class="metric">
          <span>step</span>
          <b data-testid="step-count">{run.stepsDone}</b>
        </div>
        <div class="metric train">
          <span>train loss</span>
          <b class="mono" data-testid="train-loss">
            {last ? String(last.trainLoss) : "—"}
          </b>
        </div>
        <div class="metric test">
          <span>test loss</span>
          <b class="mono" data-testid="test-loss">
            {last ? String(last.testLoss) : "—"}
          </b>
        </div>
        <div class="metric">
          <span>ms / step</span>
          <b data-testid="step-ms">{fmtMs(run.stepMs)}</b>
        </div>
        <div class="metric">
          <span>tokens / s</span>
          <b data-testid="tokens-per-sec">{fmtRate(run.tokensPerSec)}</b>
        </div>
      </div>
      <div style={{ marginTop: "14px" }}>
        <div class="legend">
          <span>
            <i style={{ background: "rgba(47,111,222,0.3)" }} />
            step loss
          </span>
          <span>
            <i style={{ background: "#2f6fde" }} />
            smoothed
          </span>
          <span>
            <i style={{ background: "#1d3f8a" }} />
            train (eval)
          </span>
          <span>
            <i style={{ background: "#e8742a" }} />
            test (eval)
          </span>
          {last && (
            <span style={{ marginLeft: "auto" }}>
              {run.evals.length} evaluation{run.evals.length > 1 ? "s" : ""}, best test loss {Math.min(...run.evals.map((e) => e.testLoss)).toFixed(4)}
            </span>
          )}
        </div>
        <LossChart curve={controller.curve} evals={run.evals} />
      </div>
      {run.info && (
        <p class="hint" data-testid="run-info">
          {run.info.config.type} · {run.info.parameters.toLocaleString("en")} parameters · {run.info.trainWords.toLocaleString("en")} words to train on,{" "}
          {run.info.testWords.toLocaleString("en")} held out · vocab {run.info.config.vocab.length + 1} · block size {run.info.config.block_size} ·{" "}
          {run.info.workers} thread{run.info.workers > 1 ? "s" : ""}
        </p>
      )}
    </section>
  );
}
