// One connection check before any queue work, so that an unreachable Redis or a wrong password
// is one line naming the (masked) URL instead of ioredis retrying forever in the background.
import { Redis } from "ioredis";
import type { RedisOptions as BullRedisOptions } from "bullmq";
import { redact, type RedisTarget } from "./redis-url.js";

const CONNECT_TIMEOUT_MS = 5000;

/** The reason a Redis command or connection failed, as one line without the password. */
export function redisFailure(e: unknown, target: RedisTarget): string {
  const raw = e instanceof Error ? e.message : String(e);
  const msg = redact(raw.split("\n")[0], target.options.password);
  if (/WRONGPASS|invalid password|invalid username-password/i.test(msg)) return `Redis at ${target.display} refused the password (${msg})`;
  if (/NOAUTH/i.test(msg)) return `Redis at ${target.display} needs a password: give it as redis://:PASSWORD@host:port or in MAKEMORE_REDIS_PASSWORD`;
  if (/ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|connect|timed? ?out|Connection is closed/i.test(msg))
    return `cannot reach Redis at ${target.display} (${msg})`;
  return `Redis at ${target.display}: ${msg}`;
}

/**
 * Connects, authenticates and pings, failing at once instead of retrying; throws one line naming
 * what went wrong. The client is for short commands (BullMQ makes its own connections).
 */
export async function openRedis(target: RedisTarget): Promise<Redis> {
  const client = new Redis({
    ...target.options,
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    disconnectTimeout: 200, // a failed check should not hold the exit 2 s
  });
  // the cause (refused, wrong password) comes as an error event; the command only sees "Connection is closed"
  let cause: unknown = null;
  client.on("error", (e) => (cause ??= e));
  try {
    await client.connect();
    await client.ping();
    client.removeAllListeners("error");
    client.on("error", () => {}); // later failures reach the caller as rejected commands
    return client;
  } catch (e) {
    client.disconnect();
    throw new Error(redisFailure(cause ?? e, target));
  }
}

/** BullMQ's connections: they must wait out a Redis restart (maxRetriesPerRequest null), as BullMQ requires. */
export const bullConnection = (target: RedisTarget): BullRedisOptions => ({ ...(target.options as BullRedisOptions), maxRetriesPerRequest: null });
