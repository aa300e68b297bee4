/**
 * Sums across data-parallel workers, for layers whose forward needs whole-batch statistics
 * (BatchNorm). Outside data-parallel training there is no collective and layers use their local
 * batch, which then is the whole batch.
 */
export interface Collective {
  readonly rank: number;
  readonly workers: number;
  /** Replaces v by the elementwise sum of every worker's v, identical on all workers. */
  allReduceSum(v: Float64Array): void;
}

let current: Collective | null = null;

export const currentCollective = (): Collective | null => current;

export function withCollective<T>(c: Collective | null, fn: () => T): T {
  const prev = current;
  current = c;
  try {
    return fn();
  } finally {
    current = prev;
  }
}
