// The runs of a sweep as a table: redrawn in place on a terminal while the sweep runs, one line
// per change otherwise (a log, CI), and sorted by test loss for `sweep status`.
import type { RunFlags } from "./grid.js";

export type RunState = "waiting" | "running" | "done" | "failed" | "retrying" | "stopped";

export interface RunRow {
  id: string;
  config: RunFlags;
  state: RunState;
  step?: number;
  maxSteps?: number;
  loss?: number;
  testLoss?: number;
  timeS?: number;
  where?: string;
  error?: string;
}

const flagsText = (config: RunFlags, shown: readonly string[]) => shown.map((k) => `${k}=${config[k]}`).join(" ");

/** The flags that differ between runs (all of them when every run has the same). */
export function varyingFlags(rows: readonly RunRow[]): string[] {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.config)))];
  const varying = keys.filter((k) => new Set(rows.map((r) => String(r.config[k]))).size > 1);
  return varying.length ? varying : keys;
}

function render(header: string[], lines: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  return [header, ...lines].map((cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd(),
  );
}

const stepText = (r: RunRow) => (r.step === undefined ? "" : r.maxSteps !== undefined && r.maxSteps > 0 ? `${r.step}/${r.maxSteps}` : String(r.step));
const stateText = (r: RunRow) => (r.error && r.state !== "done" ? `${r.state}: ${r.error}` : r.state);

/** The live view's lines: runs in sweep order. */
export function progressTable(rows: readonly RunRow[]): string[] {
  const shown = varyingFlags(rows);
  return render(
    ["run", "config", "state", "step", "loss", "test loss", "where"],
    rows.map((r) => [r.id, flagsText(r.config, shown), stateText(r), stepText(r), r.loss?.toFixed(4) ?? "", r.testLoss?.toFixed(4) ?? "", r.where ?? ""]),
  );
}

/** `sweep status`: runs by full test loss, best first; unfinished runs after, in sweep order. */
export function statusTable(rows: readonly RunRow[]): string[] {
  const shown = varyingFlags(rows);
  const sorted = [...rows].sort((a, b) => (a.testLoss ?? Infinity) - (b.testLoss ?? Infinity));
  return render(
    ["run", "config", "steps", "time", "test loss", "state"],
    sorted.map((r) => [
      r.id,
      flagsText(r.config, shown),
      r.step?.toString() ?? "",
      r.timeS === undefined ? "" : `${r.timeS.toFixed(1)}s`,
      r.testLoss?.toFixed(6) ?? "",
      stateText(r),
    ]),
  );
}

/** Prints the table as runs move: redrawn in place on a TTY, else a line per state change. */
export class LiveTable {
  private drawn = 0;
  private lastDraw = 0;
  private readonly states = new Map<string, string>();

  constructor(
    private readonly out: NodeJS.WriteStream = process.stdout,
    private readonly tty = Boolean(process.stdout.isTTY),
  ) {}

  update(rows: readonly RunRow[], force = false): void {
    if (!this.tty) return this.logChanges(rows);
    const now = performance.now();
    if (!force && now - this.lastDraw < 200) return;
    this.lastDraw = now;
    const lines = progressTable(rows);
    const up = this.drawn ? `\x1b[${this.drawn}F` : "";
    this.out.write(up + lines.map((l) => `\x1b[2K${l}\n`).join(""));
    this.drawn = lines.length;
  }

  private logChanges(rows: readonly RunRow[]): void {
    for (const r of rows) {
      const key = `${r.state}|${r.error ?? ""}`;
      if (this.states.get(r.id) === key || (r.state === "waiting" && !this.states.has(r.id))) continue;
      this.states.set(r.id, key);
      const detail = r.state === "done" ? `test loss ${r.testLoss?.toFixed(4)} after ${r.step} steps` : (r.error ?? (r.where ? `on ${r.where}` : ""));
      this.out.write(`run ${r.id} ${r.state}${detail ? ` (${detail})` : ""}\n`);
    }
  }
}
