import { Tensor, Slice, type IndexSpec, type TensorLike } from "../tensor.js";
import { broadcastShapes, formatShape, normalizeDim, numelOf } from "../shape.js";
import { isGradEnabled, record } from "../autograd.js";
import { tensor as makeTensor } from "../creation.js";
import { kernels } from "../../backend/index.js";
import { allocStorage } from "../storage.js";
import { leafGradBuffer } from "./grad-utils.js";
import { permute, select, sliceDim } from "./view.js";
import { expandedFlat } from "./select.js";

type F32 = Float32Array;

function asIndexTensor(spec: Tensor | readonly number[]): Tensor {
  const t = spec instanceof Tensor ? spec : makeTensor(spec as number[], { dtype: "int32" });
  if (t.dtype === "bool") throw new Error("boolean mask indexing is not supported; use maskedFill or where");
  if (t.isFloatingPoint) throw new Error(`tensors used as indices must be integer tensors, got ${t.dtype}`);
  return t;
}

/**
 * x[specs] with PyTorch semantics: numbers select (dropping the dim), null keeps a dim, Slice
 * slices, "..." stands for the remaining dims, and integer tensors / number arrays are advanced
 * indices broadcast together (their result dims go where they stood when adjacent, else first).
 */
export function index(x: Tensor, specsIn: readonly IndexSpec[]): Tensor {
  const consumed = specsIn.filter((s) => s !== "...").length;
  if (consumed > x.ndim) throw new Error(`too many indices for tensor of dimension ${x.ndim} (got ${consumed})`);
  const specs: IndexSpec[] = [];
  for (const s of specsIn) {
    if (s === "...") for (let i = 0; i < x.ndim - consumed; i++) specs.push(null);
    else specs.push(s);
  }
  while (specs.length < x.ndim) specs.push(null);

  let v = x;
  let vd = 0; // the dim of v that specs[i] applies to
  const adv: { dim: number; idx: Tensor }[] = [];
  for (const s of specs) {
    if (typeof s === "number") v = select(v, vd, s);
    else if (s === null) vd++;
    else if (s instanceof Slice) {
      v = sliceDim(v, vd, s.start ?? 0, s.stop ?? v.shape[vd], s.step ?? 1);
      vd++;
    } else {
      adv.push({ dim: vd, idx: asIndexTensor(s as Tensor | number[]) });
      vd++;
    }
  }
  if (adv.length === 0) return v;
  return advancedIndex(v, adv);
}

function advancedIndex(v: Tensor, adv: { dim: number; idx: Tensor }[]): Tensor {
  let bshape: number[] = adv[0].idx.shape.slice();
  for (const a of adv) bshape = broadcastShapes(bshape, a.idx.shape, "index");
  const advDims = adv.map((a) => a.dim);
  const rest = v.shape.map((_, i) => i).filter((i) => !advDims.includes(i));
  const adjacent = advDims.every((d, i) => i === 0 || d === advDims[i - 1] + 1);
  // bring the indexed dims to the front, flatten them, and gather rows
  const p = permute(v, [...advDims, ...rest]);
  const advSizes = advDims.map((d) => v.shape[d]);
  const restShape = rest.map((d) => v.shape[d]);
  const rows = numelOf(advSizes);
  const flatRows = p.reshape([rows, numelOf(restShape)]);
  const nb = numelOf(bshape);
  const linear = allocStorage("int32", nb) as Int32Array;
  let mult = 1;
  for (let j = adv.length - 1; j >= 0; j--) {
    const size = advSizes[j];
    const ids = expandedFlat(adv[j].idx, bshape);
    for (let i = 0; i < nb; i++) {
      let k = ids[i];
      if (k < -size || k >= size) throw new Error(`index ${k} is out of bounds for dimension ${advDims[j]} with size ${size}`);
      if (k < 0) k += size;
      linear[i] += k * mult;
    }
    mult *= size;
  }
  const gathered = indexSelect(flatRows, 0, new Tensor(linear, [nb]));
  let out = gathered.reshape([...bshape, ...restShape]);
  if (adjacent && advDims[0] > 0) {
    // move the broadcast dims back to where the indexed dims stood
    const nB = bshape.length;
    const before = advDims[0];
    const order = [
      ...Array.from({ length: before }, (_, i) => nB + i),
      ...Array.from({ length: nB }, (_, i) => i),
      ...Array.from({ length: restShape.length - before }, (_, i) => nB + before + i),
    ];
    out = permute(out, order);
  }
  return out;
}

/** x[specs] = value, in place (value broadcasts to the indexed shape). Not recorded by autograd. */
export function indexPut(x: Tensor, specs: readonly IndexSpec[], value: TensorLike): void {
  if (x.requiresGrad && isGradEnabled()) throw new Error("a leaf Variable that requires grad is being used in an in-place operation (wrap it in noGrad)");
  // the storage offset of every element, indexed exactly like the values would be
  const targets = index(new Tensor(storageOffsets(x), x.shape), specs);
  const off = targets.flat();
  const vals = value instanceof Tensor ? expandedFlat(value, targets.shape) : null;
  for (let i = 0; i < off.length; i++) x.storage[off[i]] = vals ? vals[i] : (value as number);
}

function storageOffsets(x: Tensor): Int32Array {
  const n = x.numel();
  const out = new Int32Array(n);
  const nd = x.ndim;
  const idx = new Array<number>(nd).fill(0);
  let p = x.offset;
  for (let i = 0; i < n; i++) {
    out[i] = p;
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      p += x.strides[d];
      if (idx[d] < x.shape[d]) break;
      p -= x.strides[d] * x.shape[d];
      idx[d] = 0;
    }
  }
  return out;
}

/** torch.index_select: slices of x along dim at the given indices; gradients add back (index_add). */
export function indexSelect(x: Tensor, dim: number, indexT: Tensor): Tensor {
  const d = normalizeDim(dim, x.ndim);
  if (indexT.ndim > 1) throw new Error(`index_select(): index must be a vector, got shape ${formatShape(indexT.shape)}`);
  const idx = asIndexTensor(indexT).flat();
  const size = x.shape[d];
  const outer = numelOf(x.shape.slice(0, d));
  const inner = numelOf(x.shape.slice(d + 1));
  const n = idx.length;
  for (let i = 0; i < n; i++)
    if (idx[i] < 0 || idx[i] >= size) throw new Error(`index_select(): index ${idx[i]} is out of range for dimension ${d} with size ${size}`);
  const shape = x.shape.slice();
  shape[d] = n;
  const out = Tensor.empty(shape, x.dtype);
  const src = x.flat();
  const o = out.storage;
  if (outer === 1 && x.dtype === "float32") {
    kernels.embedding(o as F32, src as F32, idx as Int32Array, n, inner);
  } else {
    for (let a = 0; a < outer; a++)
      for (let i = 0; i < n; i++) {
        const from = (a * size + idx[i]) * inner;
        const to = (a * n + i) * inner;
        for (let k = 0; k < inner; k++) o[to + k] = src[from + k];
      }
  }
  return record(out, "IndexSelectBackward0", [x], (g) => {
    const gx = Tensor.zeros(x.shape, g.dtype);
    const gs = g.flat();
    const go = gx.storage;
    if (outer === 1 && g.dtype === "float32") kernels.embeddingBackward(go as F32, gs as F32, idx as Int32Array, n, inner);
    else
      for (let a = 0; a < outer; a++)
        for (let i = 0; i < n; i++) {
          const to = (a * size + idx[i]) * inner;
          const from = (a * n + i) * inner;
          for (let k = 0; k < inner; k++) go[to + k] += gs[from + k];
        }
    return [gx];
  });
}

/** torch.gather: out[i][j][k] = x[i][index[i][j][k]][k] (dim = 1); the gradient scatter-adds. */
export function gather(x: Tensor, dim: number, indexT: Tensor): Tensor {
  const d = normalizeDim(dim, x.ndim);
  const index = asIndexTensor(indexT);
  if (index.ndim !== x.ndim) throw new Error(`gather(): index ${formatShape(index.shape)} must have as many dims as the input ${formatShape(x.shape)}`);
  for (let i = 0; i < x.ndim; i++)
    if (i !== d && index.shape[i] > x.shape[i])
      throw new Error(`gather(): size of index ${formatShape(index.shape)} exceeds input ${formatShape(x.shape)} at dimension ${i}`);
  const ids = index.flat();
  const n = ids.length;
  const out = Tensor.empty(index.shape, x.dtype);
  const srcOff = allocStorage("int32", n, true) as Int32Array;
  const nd = x.ndim;
  const pos = new Array<number>(nd).fill(0);
  for (let i = 0; i < n; i++) {
    let off = x.offset;
    for (let k = 0; k < nd; k++) {
      let c = pos[k];
      if (k === d) {
        c = ids[i];
        if (c < -x.shape[d] || c >= x.shape[d]) throw new Error(`gather(): index ${c} is out of bounds for dimension ${d} with size ${x.shape[d]}`);
        if (c < 0) c += x.shape[d];
      }
      off += c * x.strides[k];
    }
    srcOff[i] = off;
    out.storage[i] = x.storage[off];
    for (let k = nd - 1; k >= 0; k--) {
      if (++pos[k] < index.shape[k]) break;
      pos[k] = 0;
    }
  }
  return record(out, "GatherBackward0", [x], (g) => {
    // scatter-add through the same storage offsets, into a buffer shaped like x's storage
    const buf = Tensor.zeros([x.storage.length], g.dtype);
    const gs = g.flat();
    for (let i = 0; i < n; i++) buf.storage[srcOff[i]] += gs[i];
    return [new Tensor(buf.storage, x.shape, x.strides, x.offset).contiguous()];
  });
}

/** F.one_hot: an int tensor with a trailing dim of numClasses (inferred as max + 1 when -1). */
export function oneHot(indexT: Tensor, numClasses = -1): Tensor {
  const ids = asIndexTensor(indexT).flat();
  let C = numClasses;
  if (C === -1) {
    C = 0;
    for (let i = 0; i < ids.length; i++) C = Math.max(C, ids[i] + 1);
  }
  const out = Tensor.zeros([...indexT.shape, C], "int32");
  for (let i = 0; i < ids.length; i++) {
    const k = ids[i];
    if (k < 0 || k >= C) throw new Error(`one_hot: class values must be in [0, ${C}), got ${k}`);
    out.storage[i * C + k] = 1;
  }
  return out;
}

/** F.embedding(input, weight): rows of weight (V, C) for every index in input. */
export function embedding(input: Tensor, weight: Tensor): Tensor {
  if (weight.ndim !== 2) throw new Error(`embedding: weight must be 2-D, got ${formatShape(weight.shape)}`);
  const [V, C] = weight.shape;
  const ids = asIndexTensor(input).i32();
  const n = ids.length;
  for (let i = 0; i < n; i++)
    if (ids[i] < 0 || ids[i] >= V) throw new Error(`embedding: index ${ids[i]} is out of range for a table of ${V} rows (index out of range in self)`);
  const W = weight.f32();
  const out = Tensor.empty([...input.shape, C], "float32");
  kernels.embedding(out.f32(), W, ids, n, C);
  return record(out, "EmbeddingBackward0", [weight], (g) => {
    const into = leafGradBuffer(weight); // rows add straight into the table's gradient
    if (into) {
      kernels.embeddingBackward(into, g.f32(), ids, n, C);
      return [null];
    }
    const gw = Tensor.zeros(weight.shape, "float32");
    kernels.embeddingBackward(gw.f32(), g.f32(), ids, n, C);
    return [gw];
  });
}
