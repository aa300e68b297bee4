import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root (where package.json lives), from src/ or dist/src/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, "package.json"))) return dir;
    dir = dirname(dir);
  }
  throw new Error("cannot find the makemore package root");
}

export const cliPath = (): string => join(packageRoot(), "dist", "src", "cli", "main.js");
export const namesPath = (): string => join(packageRoot(), "data", "names.txt");
export const torchScript = (name: string): string => join(packageRoot(), "bench", name);
