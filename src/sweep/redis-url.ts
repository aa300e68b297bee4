// --queue redis://[user][:password@]host:port[/db]: parsed for ioredis, printed with the
// password masked, and every message that may carry it (ioredis's errors) scrubbed.
import type { RedisOptions } from "ioredis";

export interface RedisTarget {
  /** the URL with its password masked: what is printed, everywhere */
  display: string;
  options: RedisOptions;
}

const USAGE = "redis://[:password@]host:port[/db]";

/** Masks the password of every URL in `text`, whatever its scheme or shape: redis://:***@host:port. */
export const maskUrls = (text: string): string =>
  text.replace(
    /(\/\/)([^\s/@]*)@/g,
    (_m, scheme: string, auth: string) => `${scheme}${auth.includes(":") ? `${auth.slice(0, auth.indexOf(":"))}:***` : "***"}@`,
  );

/** Removes a password from any text: URLs masked, and the bare password (as typed or URL-encoded) replaced. */
export function redact(text: string, password?: string): string {
  let out = maskUrls(text);
  if (password) for (const p of new Set([password, encodeURIComponent(password)])) out = out.split(p).join("***");
  return out;
}

/**
 * Parses the queue's URL. A password may also come from MAKEMORE_REDIS_PASSWORD, which keeps it
 * out of the process list and the shell history.
 */
export function parseRedisUrl(text: string, env: NodeJS.ProcessEnv = process.env): RedisTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--queue must be a URL like ${USAGE}, got ${JSON.stringify(maskUrls(text))}`);
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:")
    throw new Error(`--queue must be a redis:// URL (${USAGE}), got ${JSON.stringify(maskUrls(text))}`);
  if (!url.hostname) throw new Error(`--queue needs a host: ${USAGE}`);
  const port = url.port ? Number(url.port) : 6379;
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0 || db > 1023)
    throw new Error(`--queue: the database after the port must be a number, got ${JSON.stringify(url.pathname.slice(1))}`);
  const password = url.password ? decodeURIComponent(url.password) : env.MAKEMORE_REDIS_PASSWORD || undefined;
  const username = url.username ? decodeURIComponent(url.username) : undefined;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const auth = password ? `${username ?? ""}:***@` : username ? `${username}@` : "";
  const display = `${url.protocol}//${auth}${url.host}${db ? `/${db}` : ""}`;
  return {
    display,
    options: { host, port, db, ...(password ? { password } : {}), ...(username ? { username } : {}), ...(url.protocol === "rediss:" ? { tls: {} } : {}) },
  };
}
