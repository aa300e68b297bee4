import type { UpdateRatioSeries } from "makemore";
import { Observable } from "./observable.js";

/** Points per line kept at most (between MAX and 2·MAX): enough to see the trend, few enough to redraw live. */
const MAX_POINTS = 600;

/**
 * The update:data ratios a run with trackStats sends, step by step, kept for the chart: every
 * `stride`-th step; when a line gets too long, every other point goes and the stride doubles,
 * so the kept steps stay evenly spaced however long the run. The values are the library's.
 */
export class RatioSeries {
  readonly version = new Observable(0);
  private steps: number[] = [];
  private values = new Map<string, number[]>();
  private shapes = new Map<string, number[]>();
  private stride = 1;
  private first: number | null = null;

  /** Starts over, for a new run. */
  reset(): void {
    this.steps = [];
    this.values = new Map();
    this.shapes = new Map();
    this.stride = 1;
    this.first = null;
    this.version.set(this.version.value + 1);
  }

  /** The run's parameters (only the weight matrices are drawn, as in the lecture); a continued run keeps its lines. */
  track(shapes: [string, number[]][]): void {
    if (this.values.size > 0) return;
    this.values = new Map(shapes.filter(([, s]) => s.length === 2).map(([name]) => [name, []]));
    this.shapes = new Map(shapes);
  }

  add(steps: number[], ratios: Record<string, number[]>): void {
    steps.forEach((step, i) => {
      this.first ??= step;
      if ((step - this.first) % this.stride !== 0) return;
      this.steps.push(step);
      for (const [name, line] of this.values) line.push(ratios[name]?.[i] ?? NaN);
    });
    if (this.steps.length > 2 * MAX_POINTS) {
      const even = <T>(xs: T[]) => xs.filter((_, i) => i % 2 === 0);
      this.steps = even(this.steps);
      for (const [name, line] of this.values) this.values.set(name, even(line));
      this.stride *= 2;
    }
    this.version.set(this.version.value + 1);
  }

  get length(): number {
    return this.steps.length;
  }

  /** The lines as updateRatioSpec takes them, with the step of each point. */
  series(): { series: UpdateRatioSeries[]; steps: number[] } {
    const series = [...this.values].map(([name, values]) => ({ name, shape: this.shapes.get(name) ?? [], values: values.slice() }));
    return { series, steps: this.steps.slice() };
  }
}
