import { constantLR, cosineLR, cosineLRByTime } from "../optim/schedule.js";
import type { LoopConfig, RunConfig } from "./defaults.js";

/** The learning rate at a step, from the step and the run's training seconds so far. */
export type LearningRateAt = (step: number, elapsedSeconds: number) => number;

/**
 * The run's schedule (optim/schedule.ts has the curves and their PyTorch semantics). A cosine
 * decays to minLr at --max-steps when the run has a step budget, else at --max-time seconds of
 * training: by the clock, which no two machines run alike, so a time-based schedule is not
 * bit-reproducible across machines (a step budget is).
 */
export function learningRateSchedule(run: RunConfig, loop: LoopConfig): LearningRateAt {
  const baseLr = run.learningRate;
  const { warmupSteps } = run;
  if (run.lrSchedule === "constant") {
    const at = constantLR({ baseLr, warmupSteps });
    return (step) => at(step);
  }
  const minLr = run.minLr ?? baseLr / 10;
  if (loop.maxSteps > 0) {
    const at = cosineLR({ baseLr, warmupSteps, minLr, totalSteps: loop.maxSteps });
    return (step) => at(step);
  }
  if (loop.maxTime > 0) return cosineLRByTime({ baseLr, warmupSteps, minLr, maxTime: loop.maxTime });
  throw new Error("the cosine learning-rate schedule needs a budget to decay over: a step budget (max steps) or a time budget (max time)");
}
