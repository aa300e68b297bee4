import { availableParallelism } from "node:os";
import { Command } from "commander";
import { floatArg, intArg, reportError } from "./errors.js";
import { bundledNamesPath } from "./paths.js";
import { readWordsFile } from "../data/read-words-file.js";
import { readGrid } from "../sweep/grid.js";
import { KNOWN_FLAGS } from "../sweep/grid-flags.js";
import { planSweep, recordPlan } from "../sweep/plan.js";
import { runLocalSweep, type SweepOutcome } from "../sweep/local-sweep.js";
import { parseRedisUrl, redact } from "../sweep/redis-url.js";
import { bestResult } from "../sweep/results.js";
import { statusTable } from "../sweep/table.js";

// BullMQ and ioredis load only for the commands that use them: they would double every other command's start-up time
const queueSweep = () => import("../sweep/queue-sweep.js");
const redisConnect = () => import("../sweep/redis-connect.js");
const sweepStatus = () => import("../sweep/status.js");

interface SweepFlags {
  inputFile: string;
  grid?: string;
  name?: string;
  maxSteps?: number;
  maxTime?: number;
  concurrency: number;
  queue?: string;
  detach?: boolean;
  maxParams?: number;
}

/** Like errors.ts's action(), with any Redis password scrubbed from the message (ioredis's include the URL). */
export function queueAction<O extends { queue?: string }>(fn: (o: O) => Promise<void>): (o: O) => Promise<void> {
  return async (o) => {
    try {
      await fn(o);
    } catch (e) {
      let password: string | undefined;
      try {
        password = o.queue ? parseRedisUrl(o.queue).options.password : undefined;
      } catch {
        password = undefined;
      }
      reportError(new Error(redact(e instanceof Error ? e.message : String(e), password)));
    }
  };
}

const required = <T>(value: T | undefined, flag: string): T => {
  if (value === undefined) throw new Error(`${flag} is required`);
  return value;
};

async function sweep(o: SweepFlags): Promise<void> {
  const name = required(o.name, "--name");
  const axes = readGrid(required(o.grid, "--grid"));
  const target = o.queue ? parseRedisUrl(o.queue) : null;
  if (o.detach && !target) throw new Error("--detach needs --queue (a local sweep runs in this process)");
  const words = readWordsFile(o.inputFile);
  const plan = planSweep({ name, axes, budget: { "max-steps": o.maxSteps, "max-time": o.maxTime }, words, maxParams: o.maxParams });
  if (target) (await (await redisConnect()).openRedis(target)).disconnect(); // before sweeps/NAME is written
  const manifest = recordPlan(plan, o.inputFile, target?.display ?? null);
  console.log(`sweep ${name}: ${plan.runs.length} runs on ${words.length} words from ${o.inputFile}, into ${plan.dir}`);
  const outcome = target
    ? await (await queueSweep()).runQueueSweep(plan, manifest, words, target, { detach: !!o.detach })
    : await runLocalSweep(plan, words, o.concurrency);
  if (outcome) finish(outcome, plan.runs.length, name, o);
}

function finish(outcome: SweepOutcome, total: number, name: string, o: SweepFlags): void {
  if (outcome.interrupted) {
    if (!o.queue) console.log(`interrupted: run the same command again to continue (finished runs are kept, the others resume from their last checkpoint)`);
    process.exitCode = 130;
    return;
  }
  console.log(`sweep ${name}: ${outcome.done} of ${total} runs done; results in sweeps/${name}/results.jsonl`);
  if (outcome.failed.length) {
    const [first] = outcome.failed;
    throw new Error(`${outcome.failed.length} of ${total} runs failed (sweeps/${name}/failed.jsonl); ${first.run}: ${first.error}`);
  }
}

function statusCommand(): Command {
  return new Command("status")
    .description("print a sweep's runs sorted by full test loss: config, steps, time, test loss and state")
    .option("--name <name>", "the sweep's name")
    .option("--queue <url>", "the sweep's queue: collects finished runs into sweeps/NAME/ and shows the live state of the others")
    .action(
      queueAction(async (o: { name?: string; queue?: string }) => {
        const { viewSweep, describeResult } = await sweepStatus();
        const view = await viewSweep(required(o.name, "--name"), o.queue ? parseRedisUrl(o.queue) : null);
        for (const line of statusTable(view.rows)) console.log(line);
        const best = bestResult(view.results);
        console.log(`\n${view.results.length} of ${view.rows.length} runs done${best ? `; best: ${describeResult(best)}` : ""}`);
        if (view.manifest.queue && !o.queue) console.log(`(a queued sweep: pass --queue ${view.manifest.queue} for its live state)`);
      }),
    );
}

function fetchCommand(): Command {
  return new Command("fetch")
    .description("write the best run's work dir (or the one named by --run), which the CLI and PyTorch load as usual")
    .option("--name <name>", "the sweep's name")
    .option("--best", "the run with the lowest full test loss")
    .option("--run <id>", "this run instead")
    .option("-o, --work-dir <dir>", "where to write it")
    .option("--force", "overwrite a model in the work dir")
    .option("--queue <url>", "collect finished runs from the queue first")
    .action(
      queueAction(async (o: { name?: string; best?: boolean; run?: string; workDir?: string; force?: boolean; queue?: string }) => {
        if (!o.best === !o.run) throw new Error("give one of --best or --run ID");
        const out = required(o.workDir, "-o");
        const { viewSweep, fetchRun, describeResult } = await sweepStatus();
        const view = await viewSweep(required(o.name, "--name"), o.queue ? parseRedisUrl(o.queue) : null);
        const picked = fetchRun(view, o.best ? { best: true } : { run: o.run! }, out, !!o.force);
        console.log(`${describeResult(picked)} → ${out}`);
        console.log(`sample from it with: makemore -o ${out} --sample-only`);
      }),
    );
}

export function sweepCommand(): Command {
  return new Command("sweep")
    .enablePositionalOptions() // status and fetch have a --name of their own
    .description(
      `train every combination of a grid of flags, here (N runs at a time) or on workers through a Redis queue; grid flags: ${KNOWN_FLAGS.join(", ")}`,
    )
    .option("-i, --input-file <file>", "input file with things one per line", bundledNamesPath())
    .option("--grid <grid>", `flags and values, e.g. "type=transformer,mlp n-embd=32,64 learning-rate=1e-3,5e-4", or a .json/.yaml file mapping flags to lists`)
    .option("--name <name>", "the sweep's name: results go to sweeps/NAME/")
    .option("--max-steps <n>", "steps per run", intArg("--max-steps", 1))
    .option("--max-time <seconds>", "training seconds per run", floatArg("--max-time", 0, Infinity, { exclusiveMin: true }))
    .option(
      "--concurrency <n>",
      "local runs at a time, one worker thread each (default: one per core)",
      intArg("--concurrency", 1, 256),
      availableParallelism(),
    )
    .option("--queue <url>", "send the runs to workers through Redis: redis://[:password@]host:port[/db]")
    .option("--detach", "with --queue: return once the runs are queued")
    .option("--max-params <n>", "refuse the sweep if any run's model has more parameters", intArg("--max-params", 1))
    .action(queueAction(sweep))
    .addCommand(statusCommand())
    .addCommand(fetchCommand());
}
