import { defaultGenerator } from "../random/generator.js";
import { encodeModelFile, type ConfigFile } from "../models/checkpoint.js";
import type { EMA } from "../optim/ema.js";
import type { Tensor } from "../tensor/tensor.js";
import { encodeTrainState, type TrainStateMeta } from "./state.js";
import type { SessionParts } from "./session-setup.js";
import type { CheckpointEvent } from "./session-types.js";

export interface CheckpointInputs {
  config: ConfigFile;
  /** a final evaluation that beat the best, if the run ended with one */
  final: { step: number; testLoss: number } | null;
  /** the step whose weights `weights` are */
  modelStep: number;
  /** the run's model as it stands: the best evaluated weights, or a better final evaluation's */
  weights: Map<string, Tensor>;
  ema: EMA | null;
}

/**
 * The session's checkpoint event. Its bytes are encoded only when a front end asks, and only while
 * its handler runs: after that the weights move on with the next step, so `expire` closes it.
 */
export function checkpointEvent(s: SessionParts, c: CheckpointInputs): { event: CheckpointEvent; expire(): void } {
  const meta: TrainStateMeta = {
    format: 2,
    step: s.step,
    bestLoss: s.bestLoss,
    bestStep: s.bestStep,
    final: c.final,
    adamStep: s.opt.state[0]?.step ?? 0,
    rng: { global: defaultGenerator.getState(), stream: s.stream.getState() },
    elapsed: s.elapsed,
    run: s.runConfig,
    evalEvery: s.loopConfig.evalEvery,
    data: s.dataInfo,
    ...(c.ema ? { emaUpdates: c.ema.numUpdates } : {}),
  };
  if (s.scaler) meta.scaler = s.scaler.stateDict();
  let live = true;
  const once = <T>(make: () => T): (() => T) => {
    let value: T | undefined;
    return () => {
      if (!live) throw new Error("a checkpoint's bytes must be taken inside its event handler (the weights have moved on since)");
      return (value ??= make());
    };
  };
  const event: CheckpointEvent = {
    kind: "checkpoint",
    step: s.step,
    modelStep: c.modelStep,
    trainState: once(() => encodeTrainState(s.model, s.best, s.opt, c.config, meta, c.ema?.getState() ?? null)),
    modelFile: once(() => encodeModelFile(c.weights, c.config, { step: c.modelStep })),
  };
  return { event, expire: () => (live = false) };
}
