import { availableParallelism } from "node:os";
import { Command } from "commander";
import { intArg } from "./errors.js";
import { queueAction } from "./sweep-command.js";
import { parseRedisUrl } from "../sweep/redis-url.js";

/** BullMQ's job lock: 10 s (its stall check runs every 5 s), a third of BullMQ's default, since training runs in child processes and never holds the lock renewal up. */
const DEFAULT_LOCK_MS = 10_000;

/** The size a worker takes by default: far above makemore's models (the default transformer has 0.2M), far below what exhausts a laptop. */
const DEFAULT_MAX_PARAMS = 10_000_000;

export function workerCommand(): Command {
  return new Command("worker")
    .description("train sweep runs from a Redis queue (see makemore sweep --queue); run one on every host that should help")
    .option("--queue <url>", "the queue: redis://[:password@]host:port[/db] (or the password in MAKEMORE_REDIS_PASSWORD)")
    .option(
      "--concurrency <n>",
      "runs at a time, each in its own process with one thread (default: one per core)",
      intArg("--concurrency", 1, 256),
      availableParallelism(),
    )
    .option("--max-params <n>", "refuse jobs whose model has more parameters", intArg("--max-params", 1), DEFAULT_MAX_PARAMS)
    .option("--id <name>", "this worker's name in progress and results (default: host:pid)")
    .option(
      "--lock-duration <ms>",
      "BullMQ's job lock: a dead worker's job is handed on after about 1.5× this",
      intArg("--lock-duration", 1000, 600_000),
      DEFAULT_LOCK_MS,
    )
    .action(
      queueAction(async (o: { queue?: string; concurrency: number; maxParams: number; id?: string; lockDuration: number }) => {
        if (!o.queue) throw new Error("--queue is required: the Redis URL the sweep was sent to");
        const { runWorker } = await import("../sweep/worker.js"); // BullMQ loads only here
        await runWorker({ target: parseRedisUrl(o.queue), concurrency: o.concurrency, maxParams: o.maxParams, id: o.id, lockDurationMs: o.lockDuration });
      }),
    );
}
