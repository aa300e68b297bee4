import { spawnSync } from "node:child_process";
import { activeBackend } from "../backend/index.js";
import { cliPath } from "./paths.js";

/** Runs one measurement in a fresh process (`makemore bench --child …`): its own heap, JIT and peak RSS. */
export function child(args: string[]): any {
  const r = spawnSync(process.execPath, [cliPath(), "bench", "--child", ...args], { encoding: "utf8", timeout: 30 * 60_000 });
  if (r.status !== 0) throw new Error(`benchmark child failed: ${r.stderr.trim().split("\n").at(-1)}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!);
}

/** The backend the children run on (they inherit MAKEMORE_BACKEND): its name, and the native GEMM's ISA. */
export function backendLabel(): string {
  const b = activeBackend() as { name: string; isa?: string };
  return b.isa ? `${b.name} (${b.isa})` : b.name;
}
