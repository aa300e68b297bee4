import { closeSync, linkSync, openSync, readFileSync, rmSync, writeSync, fsyncSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";

/** Who holds a lock: written into the lock file, named in the refusal. */
export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export interface Lock {
  release(): void;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // alive, owned by someone else
  }
};

function readHolder(path: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(path, "utf8"));
    return Number.isInteger(h?.pid) && typeof h?.host === "string" ? h : null;
  } catch {
    return null;
  }
}

/**
 * An exclusive lock on a directory, as a file holding the owner's pid and host. It is created
 * complete (written to a temporary name, then hard-linked into place, which fails if the lock
 * exists), so no reader ever sees half a lock. A lock whose process is gone on this host is
 * stale and is taken over, with a notice; a live one is a one-line refusal naming its holder.
 * (proper-lockfile and friends lock by mtime heartbeats and record no owner to name.)
 */
export function acquireLock(path: string, what: string, notice: (line: string) => void): Lock {
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, "w");
  writeSync(fd, JSON.stringify(me) + "\n");
  fsyncSync(fd);
  closeSync(fd);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(tmp, path);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 2) throw e;
      }
      const holder = readHolder(path);
      if (holder && (holder.host !== me.host || isAlive(holder.pid)))
        throw new Error(`${what} is in use by process ${holder.pid} on ${holder.host} (since ${holder.since}); wait for it, or stop it (lock: ${path})`);
      notice(holder ? `taking over the stale lock of process ${holder.pid} (no longer running) on ${what}` : `replacing an unreadable lock file on ${what}`);
      rmSync(path, { force: true });
    }
  } finally {
    rmSync(tmp, { force: true });
  }
  return {
    release() {
      const holder = readHolder(path);
      if (holder?.pid === me.pid && holder.host === me.host) rmSync(path, { force: true });
    },
  };
}
