import assert from "node:assert/strict";

/**
 * Asserts |actual - expected| <= atol + rtol·|expected| elementwise (infinities and NaNs must
 * match exactly), reporting the label, the first values and the worst difference on failure.
 */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string, rtol = 1e-5, atol = 1e-6): void {
  assert.equal(actual.length, expected.length, `${label}: length ${actual.length} != expected ${expected.length}`);
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (!Number.isFinite(e) || !Number.isFinite(a)) {
      if (!(Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e)))) {
        assert.fail(`${label}: element ${i} is ${a}, expected ${e}`);
      }
      continue;
    }
    const excess = Math.abs(a - e) - (atol + rtol * Math.abs(e));
    if (excess > worst) {
      worst = excess;
      worstAt = i;
    }
  }
  if (worstAt >= 0) {
    const head = (xs: ArrayLike<number>) =>
      Array.from(xs)
        .slice(0, 6)
        .map((v) => v.toPrecision(7))
        .join(", ");
    assert.fail(
      `${label}: element ${worstAt} is ${actual[worstAt]}, expected ${expected[worstAt]} ` +
        `(diff ${Math.abs(actual[worstAt] - expected[worstAt]).toExponential(2)})\n  actual:   [${head(actual)} …]\n  expected: [${head(expected)} …]`,
    );
  }
}
