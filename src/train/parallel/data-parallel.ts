import type { LanguageModel } from "../../models/config.js";
import type { AdamW } from "../../optim/adamw.js";
import { backendName } from "../../backend/index.js";
import { withCollective } from "../../nn/collective.js";
import { flatLayout, moveIntoRegion, moveOutOfRegion, bindGradients, shareSpans, type FlatLayout } from "./layout.js";
import { COMMAND_EXIT, COMMAND_STEP, CTRL, SETTING_LOSS_SCALE, SETTING_LR, SharedViews, allocateBlock, blockLayout, type ReleaseBlock } from "./shared.js";
import { foundInfThisStep, shardForwardBackward, shardUpdate } from "./shard-step.js";
import { DEFAULT_MEMORY_POLICY, type MemoryPolicy } from "../../tensor/memory-policy.js";
import type { GradScaler } from "../../optim/grad-scaler.js";

/** How a step keeps its activations, and fp16's loss scaling (every worker follows both). */
export interface StepPrecision {
  policy: MemoryPolicy;
  scaler: GradScaler | null;
}
import { defaultGenerator } from "../../random/generator.js";
import { SharedCollective, collectiveWidth } from "./collective.js";
import type { WorkerInit } from "./worker-loop.js";
import { threadPlatform, type WorkerThread } from "./threads.js";

/**
 * Training steps over flat weights, gradients and AdamW moments (in wasm memory when the wasm
 * kernels run, so every kernel works in place). With several workers this is DDP with the
 * optimizer sharded as in ZeRO-1: every thread holds the same model over the one set of shared
 * weights, runs forward and backward on its slice of the batch into its own gradient buffer,
 * then reduces and updates its share of the parameters. The main thread is worker 0. Two
 * barriers per step (plus BatchNorm's all-reduces), no per-op thread hops.
 */
export class DataParallel {
  private readonly v: SharedViews;
  private readonly layout: FlatLayout;
  private readonly spans: [number, number][];
  private readonly threads: WorkerThread[] = [];
  private readonly collective: SharedCollective | null;
  private readonly release: ReleaseBlock;
  private closed = false;

  constructor(
    private readonly model: LanguageModel,
    private readonly opt: AdamW,
    readonly workers: number,
    private readonly batchSize: number,
    private readonly blockSize: number,
    private readonly gradClip: number | null,
    private readonly precision: StepPrecision = { policy: DEFAULT_MEMORY_POLICY, scaler: null },
  ) {
    this.layout = flatLayout(model);
    const { block, release } = allocateBlock(blockLayout(this.layout, workers, batchSize, blockSize, collectiveWidth(model), threadPlatform()?.cores() ?? 1));
    this.release = release;
    this.v = new SharedViews(block);
    moveIntoRegion(model, this.layout, this.v.model, true);
    bindGradients(model, this.layout, this.v.gradsOf(0));
    this.adoptOptimizerState();
    this.spans = shareSpans(this.layout, workers)[0];
    this.collective = workers > 1 ? new SharedCollective(this.v, 0) : null;
    for (let rank = 1; rank < workers; rank++) {
      // every thread starts from the main thread's generator, so their dropout draws stay in step
      const init: WorkerInit = {
        block,
        rank,
        type: model.type,
        config: model.config,
        batchSize,
        blockSize,
        adamw: opt.options(),
        gradClip,
        backend: backendName(),
        generator: defaultGenerator.getState(),
        policy: precision.policy,
      };
      this.threads.push(threadPlatform()!.spawn(init));
    }
  }

  /** AdamW's moments move into the shared region (keeping any restored values) so every worker can update its share. */
  private adoptOptimizerState(): void {
    this.model.parameters().forEach((p, i) => {
      const [a, b] = this.layout.paramSpans[i];
      if (p.numel() !== b - a) throw new Error("DataParallel: parameter layout mismatch");
      const m = this.v.expAvg.subarray(a, b);
      const s = this.v.expAvgSq.subarray(a, b);
      const old = this.opt.state[i];
      if (old) {
        m.set(old.expAvg);
        s.set(old.expAvgSq);
      }
      this.opt.state[i] = { step: old?.step ?? 0, expAvg: m, expAvgSq: s };
    });
    Atomics.store(this.v.control, CTRL.adamStep, this.opt.state[0]?.step ?? 0);
  }

  /** One training step on a (B, T) batch; returns the batch's mean loss. */
  step(x: Int32Array, y: Int32Array): number {
    const { v, batchSize: B, blockSize: T } = this;
    v.batch.set(x, 0);
    v.batch.set(y, B * T);
    let count = 0;
    for (let i = 0; i < y.length; i++) if (y[i] !== -1) count++;
    const c = v.control;
    const step = Atomics.add(c, CTRL.adamStep, 1) + 1;
    v.stepSettings[SETTING_LR] = this.opt.lr;
    const scaler = this.precision.scaler;
    v.stepSettings[SETTING_LOSS_SCALE] = scaler?.getScale() ?? 1;
    Atomics.store(c, CTRL.foundInf, 0);
    if (this.workers > 1) {
      Atomics.store(c, CTRL.globalCount, count);
      Atomics.store(c, CTRL.command, COMMAND_STEP);
      Atomics.add(c, CTRL.sequence, 1);
      Atomics.notify(c, CTRL.sequence);
    }
    v.losses[0] = withCollective(this.collective, () => shardForwardBackward(this.model, v, 0, B, T, count, this.precision.policy));
    v.afterBackward.wait();
    shardUpdate(v, this.opt, this.spans, step, this.gradClip, this.collective);
    v.afterUpdate.wait();
    const skipped = foundInfThisStep(v);
    if (skipped)
      Atomics.sub(c, CTRL.adamStep, 1); // a skipped step is no AdamW step (every worker has read it by now)
    else for (const st of this.opt.state) if (st) st.step = step;
    scaler?.updateScale(skipped);
    let loss = 0;
    for (let w = 0; w < this.workers; w++) loss += v.losses[w];
    return loss;
  }

  /**
   * Stops the worker threads, then gives the model and the optimizer's moments memory of their
   * own and frees the shared block: the trained model outlives the run (trainModel returns it).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.workers > 1) {
      const c = this.v.control;
      Atomics.store(c, CTRL.command, COMMAND_EXIT);
      Atomics.add(c, CTRL.sequence, 1);
      Atomics.notify(c, CTRL.sequence);
      await Promise.all(this.threads.map((w) => w.terminate()));
    }
    moveOutOfRegion(this.model);
    for (const st of this.opt.state) {
      if (!st) continue;
      st.expAvg = Float32Array.from(st.expAvg);
      st.expAvgSq = Float32Array.from(st.expAvgSq);
    }
    this.release();
  }
}
