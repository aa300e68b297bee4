import type { Tensor } from "./tensor.js";
import { torchName } from "./dtype.js";

/** torch.set_printoptions, same defaults. */
export const printOptions = { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sciMode: null as boolean | null };

export function setPrintOptions(opts: Partial<typeof printOptions>): void {
  Object.assign(printOptions, opts);
}

/** Python's round-half-even on exact ties; JS's toFixed/toExponential round them up. */
function halfEvenFix(x: number, digits: number, s: string): string {
  const scaled = Math.abs(x) * 10 ** digits;
  if (scaled - Math.floor(scaled) !== 0.5) return s;
  const down = Math.floor(scaled);
  if (down % 2 !== 0) return s;
  return (x < 0 ? "-" : "") + (down / 10 ** digits).toFixed(digits);
}

function pyFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return x !== x ? "nan" : x > 0 ? "inf" : "-inf";
  const s = halfEvenFix(x, digits, x.toFixed(digits));
  return Object.is(x, -0) ? "-" + s : s; // toFixed drops the sign of -0; Python keeps it
}

function pyExp(x: number, digits: number): string {
  if (!Number.isFinite(x)) return x !== x ? "nan" : x > 0 ? "inf" : "-inf";
  const [mant, exp] = x.toExponential(digits).split("e");
  const e = Number(exp);
  return `${mant}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

/** torch._tensor_str._Formatter: picks integer, fixed or scientific notation and a common width. */
class Formatter {
  floating: boolean;
  intMode = true;
  sciMode = false;
  maxWidth = 1;

  constructor(values: ArrayLike<number>, floating: boolean, isBool: boolean) {
    this.floating = floating;
    const p = printOptions.precision;
    if (!floating) {
      for (let i = 0; i < values.length; i++) this.maxWidth = Math.max(this.maxWidth, intStr(values[i], isBool).length);
      return;
    }
    const nz: number[] = [];
    for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]) && values[i] !== 0) nz.push(values[i]);
    if (nz.length === 0) return;
    let mn = Infinity;
    let mx = 0;
    for (const v of nz) {
      mn = Math.min(mn, Math.abs(v));
      mx = Math.max(mx, Math.abs(v));
      if (v !== Math.ceil(v)) this.intMode = false;
    }
    if (this.intMode) {
      if (mx / mn > 1000 || mx > 1e8) {
        this.sciMode = true;
        for (const v of nz) this.maxWidth = Math.max(this.maxWidth, pyExp(v, p).length);
      } else for (const v of nz) this.maxWidth = Math.max(this.maxWidth, pyFixed(v, 0).length + 1);
    } else if (mx / mn > 1000 || mx > 1e8 || mn < 1e-4) {
      this.sciMode = true;
      for (const v of nz) this.maxWidth = Math.max(this.maxWidth, pyExp(v, p).length);
    } else for (const v of nz) this.maxWidth = Math.max(this.maxWidth, pyFixed(v, p).length);
    if (printOptions.sciMode !== null) this.sciMode = printOptions.sciMode;
  }

  format(v: number, isBool: boolean): string {
    let s: string;
    if (this.floating) {
      if (this.sciMode) s = pyExp(v, printOptions.precision);
      else if (this.intMode) {
        s = pyFixed(v, 0);
        if (Number.isFinite(v)) s += ".";
      } else s = pyFixed(v, printOptions.precision);
    } else s = intStr(v, isBool);
    return s.padStart(this.maxWidth, " ");
  }
}

const intStr = (v: number, isBool: boolean): string => (isBool ? (v ? "True" : "False") : String(v));

/** The values a summarised print shows: edgeitems from each end of every long dim. */
function summarizedValues(t: Tensor, summarize: boolean): number[] {
  const flat = t.flat();
  const out: number[] = [];
  const e = printOptions.edgeitems;
  const walk = (d: number, base: number, stride: number[]): void => {
    if (d === t.ndim) {
      out.push(flat[base]);
      return;
    }
    const n = t.shape[d];
    const idx = summarize && n > 2 * e ? [...Array(e).keys(), ...Array.from({ length: e }, (_, i) => n - e + i)] : [...Array(n).keys()];
    for (const i of idx) walk(d + 1, base + i * stride[d], stride);
  };
  const stride: number[] = [];
  let s = 1;
  for (let d = t.ndim - 1; d >= 0; d--) {
    stride[d] = s;
    s *= t.shape[d];
  }
  walk(0, 0, stride);
  return out;
}

function body(t: Tensor, indent: number, summarize: boolean, fmt: Formatter): string {
  const flat = t.flat();
  const isBool = t.dtype === "bool";
  const e = printOptions.edgeitems;
  const strides: number[] = [];
  let s = 1;
  for (let d = t.ndim - 1; d >= 0; d--) {
    strides[d] = s;
    s *= t.shape[d];
  }
  const rec = (d: number, base: number, ind: number): string => {
    if (t.ndim === 0) return fmt.format(flat[0], isBool);
    const n = t.shape[d];
    const long = summarize && n > 2 * e;
    if (d === t.ndim - 1) {
      const elementLength = fmt.maxWidth + 2;
      const perLine = Math.max(1, Math.floor((printOptions.linewidth - ind) / elementLength));
      const items: string[] = [];
      const push = (i: number) => items.push(fmt.format(flat[base + i * strides[d]], isBool));
      if (long) {
        for (let i = 0; i < e; i++) push(i);
        items.push(" ...");
        for (let i = n - e; i < n; i++) push(i);
      } else for (let i = 0; i < n; i++) push(i);
      const lines: string[] = [];
      for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(", "));
      return "[" + lines.join(",\n" + " ".repeat(ind + 1)) + "]";
    }
    const parts: string[] = [];
    const sub = (i: number) => parts.push(rec(d + 1, base + i * strides[d], ind + 1));
    if (long) {
      for (let i = 0; i < e; i++) sub(i);
      parts.push("...");
      for (let i = n - e; i < n; i++) sub(i);
    } else for (let i = 0; i < n; i++) sub(i);
    const depth = t.ndim - d;
    return "[" + parts.join("," + "\n".repeat(depth - 1) + " ".repeat(ind + 1)) + "]";
  };
  return rec(0, 0, indent);
}

/** torch's repr: `tensor([[0.6064, 0.3033, 0.0903]])`, with dtype / requires_grad / grad_fn suffixes. */
export function formatTensor(t: Tensor): string {
  const prefix = "tensor(";
  const indent = prefix.length;
  const suffixes: string[] = [];
  let text: string;
  const n = t.numel();
  if (n === 0) {
    text = "[]";
    if (t.ndim !== 1) suffixes.push(`size=(${t.shape.join(", ")})`);
  } else {
    const summarize = n > printOptions.threshold;
    const fmt = new Formatter(summarizedValues(t, summarize), t.isFloatingPoint, t.dtype === "bool");
    text = body(t, indent, summarize, fmt);
  }
  if (t.dtype === "float64") suffixes.push(`dtype=${torchName(t.dtype)}`);
  if (t.gradFn) suffixes.push(`grad_fn=<${t.gradFn.name}>`);
  else if (t.requiresGrad) suffixes.push("requires_grad=True");
  let out = prefix + text;
  let lastLineLen = out.length - out.lastIndexOf("\n") + 1;
  for (const sfx of suffixes) {
    if (lastLineLen + sfx.length + 2 > printOptions.linewidth) {
      out += ",\n" + " ".repeat(indent) + sfx;
      lastLineLen = indent + sfx.length;
    } else {
      out += ", " + sfx;
      lastLineLen += sfx.length + 2;
    }
  }
  return out + ")";
}
