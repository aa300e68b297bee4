import { Tensor } from "./tensor.js";
import { isFloating } from "./dtype.js";
import { noGrad } from "./autograd.js";

export interface GradcheckOptions {
  /** finite-difference step (torch: 1e-6, meant for float64) */
  eps?: number;
  atol?: number;
  rtol?: number;
  /** throw with the worst entry on failure (torch's default), else return false */
  raiseException?: boolean;
}

type Fn = (...inputs: Tensor[]) => Tensor | readonly Tensor[];

/**
 * torch.autograd.gradcheck: compares the Jacobian autograd gives (one backward per output
 * element, with a one-hot grad_output) with central finite differences (each input element
 * moved by ±eps), entry by entry, |analytical - numerical| ≤ atol + rtol·|numerical|.
 * The forward is rerun for every backward, so fused ops that accumulate into buffers of their
 * own graph are checked as training uses them. For float32 inputs pass a larger eps and
 * looser tolerances; the step divided by is the one the stored (rounded) values actually took.
 */
export function gradcheck(fn: Fn, inputs: readonly Tensor[], opts: GradcheckOptions = {}): boolean {
  const eps = opts.eps ?? 1e-6;
  const atol = opts.atol ?? 1e-5;
  const rtol = opts.rtol ?? 1e-3;
  const checked = inputs.filter((t) => t.requiresGrad);
  if (!checked.length) throw new Error("gradcheck expects at least one input tensor to require gradient");
  for (const t of checked) if (!t.isLeaf || !isFloating(t.dtype)) throw new Error("gradcheck: inputs that require grad must be floating point leaf tensors");
  const outputsOf = (): Tensor[] => {
    const out = fn(...inputs);
    return (out instanceof Tensor ? [out] : [...out]).filter((o) => isFloating(o.dtype));
  };
  const outputValues = (): number[] => noGrad(() => outputsOf().flatMap((o) => Array.from(o.flat())));
  const nOut = outputValues().length;

  for (let k = 0; k < checked.length; k++) {
    const x = checked[k];
    const offsets = storageOffsets(x);
    const numerical = offsets.map((off) => {
      const orig = x.storage[off];
      x.storage[off] = orig + eps;
      const up = x.storage[off];
      const plus = outputValues();
      x.storage[off] = orig - eps;
      const down = x.storage[off];
      const minus = outputValues();
      x.storage[off] = orig;
      return plus.map((p, i) => (p - minus[i]) / (up - down)); // d out_i / d x_j
    });
    for (let i = 0; i < nOut; i++) {
      const row = vectorJacobianRow(outputsOf, checked, x, i);
      for (let j = 0; j < offsets.length; j++) {
        const a = row[j];
        const n = numerical[j][i];
        if (Math.abs(a - n) <= atol + rtol * Math.abs(n)) continue;
        if (opts.raiseException === false) return false;
        throw new Error(
          `gradcheck: Jacobian mismatch for output element ${i} with respect to input ${inputs.indexOf(x)}, element ${j}: ` +
            `analytical ${a}, numerical ${n} (atol ${atol}, rtol ${rtol})`,
        );
      }
    }
  }
  return true;
}

/** Row i of d outputs / d x: backward from a one-hot gradient at flat output element i. */
function vectorJacobianRow(outputsOf: () => Tensor[], all: readonly Tensor[], x: Tensor, i: number): number[] {
  for (const t of all) t.grad = null;
  const outs = outputsOf();
  let base = 0;
  for (const o of outs) {
    if (i < base + o.numel()) {
      if (!o.requiresGrad) return new Array(x.numel()).fill(0); // this output does not depend on any input
      const g = Tensor.zeros(o.shape, o.dtype);
      g.storage[i - base] = 1;
      o.backward(g);
      break;
    }
    base += o.numel();
  }
  return x.grad ? Array.from(x.grad.flat()) : new Array(x.numel()).fill(0);
}

/** The storage offset of every element of t in row-major order (inputs may be strided views of their storage). */
function storageOffsets(t: Tensor): number[] {
  const out: number[] = [];
  const idx = new Array<number>(t.ndim).fill(0);
  const n = t.numel();
  for (let e = 0; e < n; e++) {
    let off = t.offset;
    for (let d = 0; d < t.ndim; d++) off += idx[d] * t.strides[d];
    out.push(off);
    for (let d = t.ndim - 1; d >= 0; d--) {
      if (++idx[d] < t.shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}
