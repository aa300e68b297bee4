/**
 * Python's float formatting, so printed numbers read exactly like the notebook's
 * (`f"{prob:.4f}"`, `f"{logprob}"` on 0-d tensors go through Python floats).
 */

function nonFinite(x: number): string {
  return x !== x ? "nan" : x > 0 ? "inf" : "-inf";
}

/**
 * `format(x, ".Nf")`. Python rounds exact ties half-to-even where `toFixed` rounds them up; a tie
 * needs a finite decimal expansion, which `toFixed(100)` shows exactly when it is that short.
 */
export function pyFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  let s = Math.abs(x).toFixed(digits);
  const exact = Math.abs(x).toFixed(100);
  const cut = exact.indexOf(".") + 1 + digits;
  if (exact[cut] === "5" && /^0*$/.test(exact.slice(cut + 1))) {
    const down = exact.slice(0, cut).replace(/\.$/, "");
    const lastDigit = Number(down[down.length - 1]);
    if (lastDigit % 2 === 0) s = down;
  }
  return (x < 0 || Object.is(x, -0) ? "-" : "") + s;
}

/** `repr(x)`: the shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16, else `1e-05` style. */
export function pyRepr(x: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, expPart] = x.toExponential().split("e");
  const exp = Number(expPart);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace(/^-/, "").replace(".", "");
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac || "0"}`;
}
