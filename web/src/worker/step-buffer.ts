import type { StepEvent } from "makemore";
import type { StepBatch } from "./protocol.js";

/** How often step events cross to the page: a bigram step takes microseconds, a frame 16 ms. */
const FLUSH_MS = 50;

/**
 * Collects step events and hands them on in batches, at most every FLUSH_MS: a step that comes
 * later than that after the last batch goes at once, so slow steps reach the page as they end.
 */
export class StepBuffer {
  private steps: number[] = [];
  private losses: number[] = [];
  private ms: number[] = [];
  private ratios: Record<string, number[]> | null = null;
  private last: StepEvent | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSent = -Infinity;

  constructor(private readonly send: (batch: StepBatch) => void) {}

  add(e: StepEvent): void {
    this.steps.push(e.step);
    this.losses.push(e.loss);
    this.ms.push(e.stepMs);
    if (e.updateRatios) {
      this.ratios ??= {};
      for (const [name, r] of Object.entries(e.updateRatios)) (this.ratios[name] ??= []).push(r);
    }
    this.last = e;
    if (performance.now() - this.lastSent >= FLUSH_MS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Sends what is buffered now (before an evaluation, a pause or the end of the run). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (!this.last) return;
    this.lastSent = performance.now();
    this.send({
      steps: this.steps,
      losses: this.losses,
      stepMs: this.ms,
      tokensPerSec: this.last.tokensPerSec,
      ...(this.ratios ? { updateRatios: this.ratios } : {}),
    });
    this.ratios = null;
    this.steps = [];
    this.losses = [];
    this.ms = [];
    this.last = null;
  }
}
