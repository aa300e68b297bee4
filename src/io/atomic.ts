import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync, rmSync } from "node:fs";
import { dirname, basename, join } from "node:path";

/**
 * Writes a file so that readers (and a crash at any moment) only ever see the old complete
 * file or the new complete one: write a temporary sibling, fsync it, rename it over the target.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, "w");
  try {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
}
