import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

/** The repository root, from either `test/helpers` (source) or `dist/test/helpers` (compiled). */
export const repoRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      readFileSync(join(dir, "package.json"));
      return dir;
    } catch {
      dir = dirname(dir);
    }
  }
  throw new Error("cannot find the repository root from " + fileURLToPath(import.meta.url));
})();

/** Reads a committed golden, e.g. `fixture("torch/rng.json")`. JSON encodes ±Infinity/NaN as strings. */
export function fixture<T = any>(relPath: string): T {
  const text = readFileSync(join(repoRoot, "test", "fixtures", relPath), "utf8");
  return JSON.parse(text, (_k, v) => (v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : v === "NaN" ? NaN : v)) as T;
}
