import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { existsSync } from "node:fs";

/** data/names.txt shipped with the package, found from dist/src/cli or src/cli. */
export function bundledNamesPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const p = join(dir, "data", "names.txt");
    if (existsSync(p)) return p;
    dir = dirname(dir);
  }
  return "names.txt";
}
