/**
 * Dropout under data-parallel training. A batch's dropout masks are one run of the generator
 * over each whole (B, …) tensor in turn; a worker holding batch rows [start, end) draws only its
 * rows' part of every mask and skips (Generator.discard, nearly free) the words of the rows
 * before and after it. So each worker's masks are exactly the rows of the masks one worker would
 * draw for the whole batch, and after the step every worker's generator is where that one
 * worker's would be: `--workers N` equals `--workers 1` as long as all workers start each step
 * from the same generator state.
 *
 * Every tensor dropped out inside the shard must have the batch rows leading: (B, …), or
 * (B·m, …) with m entries per row (B·T positions flattened, for instance).
 */
export interface DropoutShard {
  /** first batch row of this worker */
  readonly start: number;
  /** one past its last row */
  readonly end: number;
  /** rows in the whole batch */
  readonly total: number;
}

let current: DropoutShard | null = null;

export const currentDropoutShard = (): DropoutShard | null => current;

/** Runs fn (a worker's forward) with dropout drawing as rows [start, end) of a batch of `total` rows. */
export function withDropoutShard<T>(shard: DropoutShard | null, fn: () => T): T {
  if (shard) {
    const { start, end, total } = shard;
    if (!(Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(total) && 0 <= start && start < end && end <= total))
      throw new RangeError(`dropout shard must satisfy 0 <= start < end <= total (integers), got start=${start}, end=${end}, total=${total}`);
  }
  const prev = current;
  current = shard;
  try {
    return fn();
  } finally {
    current = prev;
  }
}
