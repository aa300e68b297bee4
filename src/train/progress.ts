import cliProgress from "cli-progress";

export interface StepReport {
  step: number;
  loss: number;
  stepMs: number;
  tokensPerSec: number;
}

/**
 * Where training reports go. On a TTY with a step or time budget: a live bar (step, loss,
 * tokens/s, ETA) with log lines printed above it. Otherwise makemore's plain lines every 10 steps.
 */
export interface Progress {
  step(r: StepReport): void;
  log(line: string): void;
  stop(): void;
}

export function createProgress(opts: { maxSteps: number; maxTime: number; startStep: number; quiet?: boolean }): Progress {
  const budgeted = opts.maxSteps > 0 || opts.maxTime > 0;
  if (!process.stdout.isTTY || !budgeted || opts.quiet) return plainProgress(!!opts.quiet);
  return barProgress(opts);
}

function plainProgress(quiet: boolean): Progress {
  return {
    step(r) {
      if (!quiet && r.step % 10 === 0) console.log(`step ${r.step} | loss ${r.loss.toFixed(4)} | step time ${r.stepMs.toFixed(2)}ms`);
    },
    log: (line) => console.log(line),
    stop() {},
  };
}

function barProgress(opts: { maxSteps: number; maxTime: number; startStep: number }): Progress {
  const byTime = !(opts.maxSteps > 0);
  const multi = new cliProgress.MultiBar(
    {
      format: byTime
        ? " {bar} {percentage}% | step {stepNo} | loss {loss} | {tps} tok/s | {remaining}s left"
        : " {bar} {percentage}% | step {value}/{total} | loss {loss} | {tps} tok/s | ETA {eta_formatted}",
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 200,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  const total = byTime ? Math.round(opts.maxTime) : opts.maxSteps;
  const bar = multi.create(total, byTime ? 0 : opts.startStep, { loss: "-", tps: "-", stepNo: opts.startStep, remaining: total });
  const t0 = performance.now();
  let lastRender = 0;
  // the training loop never yields to the event loop, so cli-progress's redraw timer never fires:
  // redraw (and flush logged lines) ourselves, at most ten times a second
  const render = (force = false) => {
    const now = performance.now();
    if (!force && now - lastRender < 100) return;
    lastRender = now;
    (multi as unknown as { update(): void }).update();
  };
  return {
    step(r) {
      const payload = { loss: r.loss.toFixed(4), tps: Math.round(r.tokensPerSec), stepNo: r.step };
      if (byTime) {
        const elapsed = (performance.now() - t0) / 1000;
        bar.update(Math.min(total, Math.floor(elapsed)), { ...payload, remaining: Math.max(0, Math.round(total - elapsed)) });
      } else bar.update(r.step + 1, payload);
      render();
    },
    log: (line) => {
      multi.log(line + "\n");
      render(true);
    },
    stop: () => {
      render(true);
      multi.stop();
    },
  };
}
