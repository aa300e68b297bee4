import type { Generator } from "../random/generator.js";
import { configFileOf, type ConfigFile } from "../models/checkpoint.js";
import { sampleWords } from "../sample/generate.js";
import { groupSamples } from "./samples-report.js";
import { estimateLoss, streamAt } from "./evaluate.js";
import { memoryPolicyOf } from "./precision.js";
import { createStepRunner, defaultWorkersFor, type StepRunner } from "./step.js";
import { decodeTrainState, type TrainState } from "./state.js";
import { checkpointEvent } from "./session-checkpoint.js";
import { freshParts, resumedParts, type ResumeOptions, type SessionParts } from "./session-setup.js";
import type { ConfigNaming } from "../models/config.js";
import { EMA } from "../optim/ema.js";
import type { Tensor } from "../tensor/tensor.js";
import { learningRateSchedule, type LearningRateAt } from "./learning-rate.js";
import { UpdateRatioWindow } from "../inspect/update-ratio.js";
import { YIELD_EVERY_MS, yieldToEventLoop } from "./yield.js";
import type { CheckpointEvent, EvalEvent, SamplesEvent, SessionEvent, SessionOptions, StopEvent, StopReason, TrainingSession } from "./session-types.js";

export type { ResumeOptions };

class Session implements TrainingSession {
  readonly model;
  readonly data;
  readonly runConfig;
  readonly loopConfig;
  readonly config: ConfigFile;
  readonly workers: number;
  private readonly runner: StepRunner;
  private readonly batch;
  private s: SessionParts;
  private isPaused = false;
  private pendingSteps = 0;
  private stopRequested = false;
  private wake: (() => void) | null = null;
  private final: { step: number; testLoss: number } | null = null;
  /** the weights a final evaluation offers as the run's model (their average, with --ema) */
  private finalWeights: Map<string, Tensor> | null = null;
  private modelStep: number | null;
  private readonly lrAt: LearningRateAt;
  private readonly ema: EMA | null;
  /** with trackStats: the update:data ratios of the steps since the last evaluation */
  private readonly ratios: UpdateRatioWindow | null;
  private readonly yieldEveryMs: number;

  constructor(parts: SessionParts, options: SessionOptions) {
    this.s = parts;
    this.model = parts.model;
    this.data = parts.data;
    this.runConfig = parts.runConfig;
    this.loopConfig = parts.loopConfig;
    this.config = configFileOf(parts.model, parts.data.vocab);
    this.lrAt = learningRateSchedule(parts.runConfig, parts.loopConfig);
    this.runner = createStepRunner(parts.model, parts.opt, options.workers ?? defaultWorkersFor(parts.model), parts.runConfig.batchSize, parts.data.blockSize, {
      gradClip: parts.runConfig.gradClip,
      precision: { policy: memoryPolicyOf(parts.runConfig), scaler: parts.scaler },
    });
    this.ema = parts.runConfig.ema === null ? null : new EMA(parts.model, { decay: parts.runConfig.ema });
    if (this.ema && parts.ema) this.ema.setState(parts.ema);
    this.ratios = options.trackStats ? new UpdateRatioWindow() : null;
    this.yieldEveryMs = options.yieldEveryMs ?? YIELD_EVERY_MS;
    this.workers = this.runner.workers;
    this.batch = parts.stream.buffers();
    this.modelStep = parts.bestStep;
    parts.model.train();
  }

  get step(): number {
    return this.s.step;
  }
  get bestLoss(): number | null {
    return this.s.bestLoss;
  }
  get paused(): boolean {
    return this.isPaused;
  }

  pause(): void {
    this.isPaused = true;
  }
  play(): void {
    this.isPaused = false;
    this.pendingSteps = 0;
    this.wakeUp();
  }
  stepOnce(): void {
    if (this.isPaused) {
      this.pendingSteps++;
      this.wakeUp();
    }
  }
  stop(): void {
    this.stopRequested = true;
    this.wakeUp();
  }
  close(): Promise<void> {
    return this.runner.close();
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  async start(onEvent: (e: SessionEvent) => void): Promise<StopEvent> {
    const { maxSteps, maxTime, evalEvery } = this.loopConfig;
    const firstStep = this.s.step;
    let trainMs = 0; // this run's training time, pauses excluded
    let lastYield = performance.now();
    let recentTokens = 0,
      recentMs = 0;
    let lastEval = -1;
    let reason: StopReason;
    for (;;) {
      const stopFor =
        maxSteps >= 0 && this.s.step >= maxSteps ? "steps" : maxTime > 0 && trainMs / 1000 >= maxTime ? "time" : this.stopRequested ? "stopped" : null;
      if (stopFor) {
        reason = stopFor;
        break;
      }
      if (this.isPaused && this.pendingSteps === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        lastYield = performance.now();
        continue;
      }
      if (this.isPaused) this.pendingSteps--;
      const t0 = performance.now();
      const step = this.s.step;
      this.s.stream.nextInto(this.batch);
      this.s.opt.lr = this.lrAt(step, this.s.elapsed);
      const loss = this.runner.step(this.batch.x, this.batch.y);
      this.ema?.update();
      const ms = performance.now() - t0;
      trainMs += ms;
      this.s.elapsed += ms / 1000;
      recentTokens = recentTokens * 0.9 + this.batch.x.numel();
      recentMs = recentMs * 0.9 + ms;
      if (!Number.isFinite(loss)) throw new Error(`training diverged at step ${step} (loss ${loss}); try a lower learning rate`);
      this.s.step++;
      const tokensPerSec = (recentTokens / recentMs) * 1000;
      onEvent({
        kind: "step",
        step,
        loss,
        lr: this.s.opt.lr,
        stepMs: ms,
        tokensPerSec,
        ...(this.ratios ? { updateRatios: this.ratios.record(this.model.namedParameters(), this.s.opt.lr) } : {}),
      });
      if (step > 0 && step % evalEvery === 0) {
        this.evaluate(step, false, tokensPerSec, onEvent);
        lastEval = step;
      }
      const now = performance.now();
      if (now - lastYield >= this.yieldEveryMs || this.isPaused) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    const last = this.s.step - 1;
    if (this.s.step > firstStep && lastEval !== last) this.evaluate(last, true, (recentTokens / recentMs) * 1000, onEvent);
    const stop: StopEvent = { kind: "stop", step: this.s.step, reason, bestLoss: this.s.bestLoss };
    onEvent(stop);
    return stop;
  }

  /** makemore's evaluation at `step` (its weights are those after that step), samples, and a checkpoint. */
  private evaluate(step: number, final: boolean, tokensPerSec: number, onEvent: (e: SessionEvent) => void): void {
    const s = this.s;
    const snapshot = () => new Map([...this.model.stateDict()].map(([k, t]) => [k, t.clone()]));
    // with --ema the moving average is what gets evaluated, sampled and kept as the model
    this.ema?.swap();
    let event: EvalEvent;
    let samples: SamplesEvent | null = null;
    try {
      const { seed } = this.runConfig;
      const trainLoss = estimateLoss(this.model, this.data.train, { generator: streamAt(seed, step, 1) });
      const testLoss = estimateLoss(this.model, this.data.test, { generator: streamAt(seed, step, 1) });
      let best = false;
      if (!final && (s.bestLoss === null || testLoss < s.bestLoss)) {
        best = true;
        s.bestLoss = testLoss;
        s.bestStep = step;
        s.best = snapshot();
      }
      // a final evaluation offers its weights as the run's model only until the next scheduled one
      this.final = final && (s.bestLoss === null || testLoss < s.bestLoss) ? { step, testLoss } : null;
      this.finalWeights = this.final ? snapshot() : null;
      if (best || this.final) this.modelStep = this.final ? step : s.bestStep;
      event = {
        kind: "eval",
        step,
        trainLoss,
        testLoss,
        best: best || this.final !== null,
        final,
        elapsed: s.elapsed,
        tokensPerSec,
        ...(this.ratios ? { updateRatios: this.ratios.drain() } : {}),
      };
      if (s.scaler) event.lossScaling = { scale: s.scaler.getScale(), skippedSteps: s.scaler.skippedSteps };
      if (this.loopConfig.numSamples > 0) samples = this.samples(step, streamAt(seed, step, 2));
    } finally {
      this.ema?.swap();
    }
    onEvent(event);
    if (samples) onEvent(samples);
    const checkpoint = this.checkpoint();
    onEvent(checkpoint.event);
    checkpoint.expire();
  }

  private samples(step: number, generator: Generator): SamplesEvent {
    const { numSamples: num, temperature, topK } = this.loopConfig;
    const words = sampleWords(this.model, this.data.vocab, this.data.blockSize - 1, { num, temperature, topK, generator });
    return { kind: "samples", step, words, ...groupSamples(words, this.data.train, this.data.test) };
  }

  private checkpoint(): { event: CheckpointEvent; expire(): void } {
    const s = this.s;
    return checkpointEvent(s, {
      config: this.config,
      final: this.final,
      modelStep: this.modelStep ?? s.step - 1,
      weights: this.finalWeights ?? (s.best.size ? s.best : this.model.stateDict()),
      ema: this.ema,
    });
  }
}

/** Front ends may name settings as the CLI's flags (--n-embd) or config.json's fields (n_embd) in errors. */
export interface SessionNaming {
  naming?: ConfigNaming;
}

/** A new run on `words`: makemore's split, initial weights and batches from the seed. */
export async function startSession(words: readonly string[], options: SessionOptions & SessionNaming = {}): Promise<TrainingSession> {
  return new Session(freshParts(words, options, options.naming), options);
}

/** Continues a run from its checkpoint (a train_state.safetensors, as bytes or decoded), bit for bit. */
export async function resumeSession(
  words: readonly string[],
  state: Uint8Array | TrainState,
  options: ResumeOptions & SessionNaming = {},
): Promise<TrainingSession> {
  const decoded = state instanceof Uint8Array ? decodeTrainState(state, "train_state.safetensors") : state;
  return new Session(resumedParts(words, decoded, options, options.naming), options);
}
