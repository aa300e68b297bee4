import { type DType, type DTypeLike, type Storage, dtypeOfStorage, normalizeDType } from "./dtype.js";
import { type Shape, contiguousStrides, numelOf, formatShape } from "./shape.js";
import { allocStorage } from "./storage.js";
import type { GradFn } from "./autograd.js";
import { kernels } from "../backend/index.js";
import { type BackwardOptions, backward as runBackward } from "./backward.js";
import { formatTensor } from "./format.js";
import * as pw from "./ops/pointwise.js";
import { clamp as clampOp } from "./ops/clamp.js";
import * as sel from "./ops/select.js";
import * as red from "./ops/reduce.js";
import * as lin from "./ops/linalg.js";
import * as vw from "./ops/view.js";
import * as jn from "./ops/join.js";
import * as ix from "./ops/indexing.js";
import * as nnf from "./ops/nn.js";
import * as ip from "./ops/inplace.js";
import * as rnd from "./random-ops.js";
import type { Generator } from "../random/generator.js";

export type Scalar = number;
export type TensorLike = Tensor | number;
export type Dims = number | readonly number[];
export interface KeepDim {
  keepdim?: boolean;
}
export type IndexSpec = number | null | "..." | Slice | Tensor | readonly number[];

/** A `start:stop:step` slice for `Tensor.index`; any part may be omitted (null/undefined). */
export class Slice {
  constructor(
    readonly start: number | null = null,
    readonly stop: number | null = null,
    readonly step: number | null = null,
  ) {}
}
export const slice = (start: number | null = null, stop: number | null = null, step: number | null = null): Slice => new Slice(start, stop, step);

/**
 * An n-dimensional array over flat typed storage with shape and strides (views share storage),
 * and reverse-mode autograd. Method names and semantics follow PyTorch.
 */
export class Tensor {
  /** Flat storage, shared between views; element i… lives at offset + Σ i_d · strides[d]. */
  readonly storage: Storage;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;
  requiresGrad = false;
  grad: Tensor | null = null;
  gradFn: GradFn | null = null;
  /** Set by retainGrad(): a non-leaf tensor that keeps its .grad after backward. */
  retainsGrad = false;

  constructor(storage: Storage, shape: Shape, strides?: readonly number[], offset = 0) {
    this.storage = storage;
    this.shape = shape;
    this.strides = strides ?? contiguousStrides(shape);
    this.offset = offset;
    this.dtype = dtypeOfStorage(storage);
  }

  /** A fresh, zero-filled, contiguous tensor. */
  static zeros(shape: Shape, dtype: DType = "float32"): Tensor {
    return new Tensor(allocStorage(dtype, numelOf(shape)), shape);
  }

  /**
   * A fresh contiguous tensor whose values are unspecified, as torch.empty: for a kernel that
   * writes every element (from a scratch arena it holds whatever was there before).
   */
  static empty(shape: Shape, dtype: DType = "float32"): Tensor {
    return new Tensor(allocStorage(dtype, numelOf(shape), true), shape);
  }

  // ---- metadata ----
  get ndim(): number {
    return this.shape.length;
  }
  dim(): number {
    return this.shape.length;
  }
  numel(): number {
    return numelOf(this.shape);
  }
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return this.shape.slice();
    return this.shape[dim < 0 ? dim + this.shape.length : dim];
  }
  get isLeaf(): boolean {
    return this.gradFn === null;
  }
  get isFloatingPoint(): boolean {
    return this.dtype === "float32" || this.dtype === "float64";
  }

  isContiguous(): boolean {
    let s = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      if (this.shape[i] !== 1 && this.strides[i] !== s) return false;
      s *= this.shape[i];
    }
    return true;
  }

  /**
   * The values in row-major order as a flat typed array of exactly numel() elements: the storage
   * itself (or a subarray) when contiguous, a fresh copy otherwise. Do not write through it.
   */
  flat(): Storage {
    const n = this.numel();
    if (this.isContiguous()) {
      if (this.offset === 0 && this.storage.length === n) return this.storage;
      return this.storage.subarray(this.offset, this.offset + n);
    }
    const out = allocStorage(this.dtype, n);
    kernels.stridedCopy(out, this.storage, this.offset, this.shape, this.strides);
    return out;
  }

  /** flat() typed for a float32 tensor: the kernels' input (and, for a fresh tensor, its output) buffer. */
  f32(): Float32Array {
    if (this.dtype !== "float32") throw new Error(`expected a float32 tensor, got ${this.dtype}`);
    return this.flat() as Float32Array;
  }

  /** flat() typed for an int32 tensor (token ids, indices). */
  i32(): Int32Array {
    if (this.dtype !== "int32") throw new Error(`expected an int32 tensor, got ${this.dtype}`);
    return this.flat() as Int32Array;
  }

  /** A tensor sharing storage but not history (torch .data). */
  get data(): Tensor {
    return this.detach();
  }

  detach(): Tensor {
    return new Tensor(this.storage, this.shape, this.strides, this.offset);
  }

  item(): number {
    if (this.numel() !== 1) throw new Error(`a Tensor with ${this.numel()} elements cannot be converted to a scalar`);
    const v = this.storage[this.offset];
    return this.dtype === "bool" ? v : v;
  }

  tolist(): any {
    const flat = this.flat();
    const isBool = this.dtype === "bool";
    const build = (d: number, base: number): any => {
      if (d === this.shape.length) return isBool ? flat[base] !== 0 : flat[base];
      const n = this.shape[d];
      const step = numelOf(this.shape.slice(d + 1));
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = build(d + 1, base + i * step);
      return out;
    };
    return build(0, 0);
  }

  toString(): string {
    return formatTensor(this);
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  // ---- autograd ----
  backward(gradient?: Tensor, opts?: BackwardOptions): void {
    runBackward(this, gradient, opts);
  }
  requiresGrad_(on = true): this {
    if (!this.isLeaf) throw new Error("requiresGrad_ can only change leaf tensors (use .detach() first)");
    if (on && !this.isFloatingPoint) throw new Error(`only floating point tensors can require gradients, got ${this.dtype}`);
    this.requiresGrad = on;
    return this;
  }
  retainGrad(): this {
    if (!this.isLeaf) this.retainsGrad = true;
    return this;
  }

  // ---- dtype ----
  to(dtype: DTypeLike): Tensor {
    return pw.toDType(this, normalizeDType(dtype));
  }
  float(): Tensor {
    return this.to("float32");
  }
  double(): Tensor {
    return this.to("float64");
  }
  int(): Tensor {
    return this.to("int32");
  }
  long(): Tensor {
    return this.to("int32");
  }
  bool(): Tensor {
    return this.to("bool");
  }

  // ---- pointwise ----
  add(other: TensorLike, opts?: { alpha?: number }): Tensor {
    return pw.add(this, other, opts);
  }
  sub(other: TensorLike, opts?: { alpha?: number }): Tensor {
    return pw.sub(this, other, opts);
  }
  mul(other: TensorLike): Tensor {
    return pw.mul(this, other);
  }
  div(other: TensorLike): Tensor {
    return pw.div(this, other);
  }
  pow(exponent: TensorLike): Tensor {
    return pw.pow(this, exponent);
  }
  rsub(other: TensorLike): Tensor {
    return pw.sub(other, this);
  }
  rdiv(other: TensorLike): Tensor {
    return pw.div(other, this);
  }
  maximum(other: TensorLike): Tensor {
    return pw.maximum(this, other);
  }
  minimum(other: TensorLike): Tensor {
    return pw.minimum(this, other);
  }
  neg(): Tensor {
    return pw.neg(this);
  }
  exp(): Tensor {
    return pw.exp(this);
  }
  log(): Tensor {
    return pw.log(this);
  }
  log10(): Tensor {
    return pw.log10(this);
  }
  tanh(): Tensor {
    return pw.tanh(this);
  }
  sigmoid(): Tensor {
    return pw.sigmoid(this);
  }
  relu(): Tensor {
    return pw.relu(this);
  }
  sqrt(): Tensor {
    return pw.sqrt(this);
  }
  abs(): Tensor {
    return pw.abs(this);
  }
  square(): Tensor {
    return pw.mul(this, this);
  }
  clamp(opts: { min?: number; max?: number }): Tensor {
    return clampOp(this, opts);
  }
  eq(other: TensorLike): Tensor {
    return pw.compare("eq", this, other);
  }
  ne(other: TensorLike): Tensor {
    return pw.compare("ne", this, other);
  }
  lt(other: TensorLike): Tensor {
    return pw.compare("lt", this, other);
  }
  le(other: TensorLike): Tensor {
    return pw.compare("le", this, other);
  }
  gt(other: TensorLike): Tensor {
    return pw.compare("gt", this, other);
  }
  ge(other: TensorLike): Tensor {
    return pw.compare("ge", this, other);
  }
  logicalNot(): Tensor {
    return pw.logicalNot(this);
  }
  maskedFill(mask: Tensor, value: number): Tensor {
    return sel.maskedFill(this, mask, value);
  }
  where(condition: Tensor, other: TensorLike): Tensor {
    return sel.where(condition, this, other);
  }
  gelu(opts?: { approximate?: "tanh" | "none" }): Tensor {
    return nnf.gelu(this, opts);
  }
  softmax(dim: number): Tensor {
    return nnf.softmax(this, dim);
  }
  logSoftmax(dim: number): Tensor {
    return nnf.logSoftmax(this, dim);
  }

  // ---- reductions ----
  sum(dim?: Dims | null, opts?: KeepDim): Tensor {
    return red.sum(this, dim, opts);
  }
  mean(dim?: Dims | null, opts?: KeepDim): Tensor {
    return red.mean(this, dim, opts);
  }
  max(): Tensor;
  max(dim: number, opts?: KeepDim): { values: Tensor; indices: Tensor };
  max(dim?: number, opts?: KeepDim): any {
    return red.max(this, dim, opts);
  }
  min(): Tensor;
  min(dim: number, opts?: KeepDim): { values: Tensor; indices: Tensor };
  min(dim?: number, opts?: KeepDim): any {
    return red.min(this, dim, opts);
  }
  amax(dim?: Dims | null, opts?: KeepDim): Tensor {
    return red.amax(this, dim, opts);
  }
  argmax(dim?: number | null, opts?: KeepDim): Tensor {
    return red.argmax(this, dim, opts);
  }
  argmin(dim?: number | null, opts?: KeepDim): Tensor {
    return red.argmin(this, dim, opts);
  }
  var(dim?: Dims | null, opts?: red.VarOptions): Tensor {
    return red.variance(this, dim, opts);
  }
  std(dim?: Dims | null, opts?: red.VarOptions): Tensor {
    return red.std(this, dim, opts);
  }
  logsumexp(dim: Dims, opts?: KeepDim): Tensor {
    return red.logsumexp(this, dim, opts);
  }

  // ---- linear algebra ----
  matmul(other: Tensor): Tensor {
    return lin.matmul(this, other);
  }

  // ---- views and shape ----
  view(...shape: (number | readonly number[])[]): Tensor {
    return vw.view(this, flattenShapeArgs(shape));
  }
  reshape(...shape: (number | readonly number[])[]): Tensor {
    return vw.reshape(this, flattenShapeArgs(shape));
  }
  transpose(dim0: number, dim1: number): Tensor {
    return vw.transpose(this, dim0, dim1);
  }
  get T(): Tensor {
    return vw.permute(
      this,
      this.shape.map((_, i) => this.shape.length - 1 - i),
    );
  }
  permute(...dims: (number | readonly number[])[]): Tensor {
    return vw.permute(this, flattenShapeArgs(dims));
  }
  expand(...shape: (number | readonly number[])[]): Tensor {
    return vw.expand(this, flattenShapeArgs(shape));
  }
  expandAs(other: Tensor): Tensor {
    return vw.expand(this, other.shape);
  }
  squeeze(dim?: number): Tensor {
    return vw.squeeze(this, dim);
  }
  unsqueeze(dim: number): Tensor {
    return vw.unsqueeze(this, dim);
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return vw.flatten(this, startDim, endDim);
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return vw.narrow(this, dim, start, length);
  }
  select(dim: number, index: number): Tensor {
    return vw.select(this, dim, index);
  }
  contiguous(): Tensor {
    return vw.contiguous(this);
  }
  clone(): Tensor {
    return vw.clone(this);
  }
  split(splitSize: number | readonly number[], dim = 0): Tensor[] {
    return jn.split(this, splitSize, dim);
  }
  chunk(chunks: number, dim = 0): Tensor[] {
    return jn.chunk(this, chunks, dim);
  }
  unbind(dim = 0): Tensor[] {
    return jn.unbind(this, dim);
  }
  roll(shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
    return jn.roll(this, shifts, dims);
  }
  unfold(dim: number, size: number, step: number): Tensor {
    return vw.unfold(this, dim, size, step);
  }

  // ---- indexing ----
  /** x[i, :, a:b, idx] → x.index([i, null, slice(a, b), idx]); a Tensor or number[] is an advanced index. */
  index(specs: readonly IndexSpec[] | IndexSpec): Tensor {
    return ix.index(this, Array.isArray(specs) ? (specs as IndexSpec[]) : [specs as IndexSpec]);
  }
  /** x[specs] = value, in place. */
  indexPut_(specs: readonly IndexSpec[] | IndexSpec, value: TensorLike): this {
    ix.indexPut(this, Array.isArray(specs) ? (specs as IndexSpec[]) : [specs as IndexSpec], value);
    return this;
  }
  indexSelect(dim: number, index: Tensor): Tensor {
    return ix.indexSelect(this, dim, index);
  }
  gather(dim: number, index: Tensor): Tensor {
    return ix.gather(this, dim, index);
  }

  // ---- in place (not recorded by autograd) ----
  add_(other: TensorLike, opts?: { alpha?: number }): this {
    ip.binaryInPlace(this, "add", other, opts?.alpha);
    return this;
  }
  sub_(other: TensorLike, opts?: { alpha?: number }): this {
    ip.binaryInPlace(this, "sub", other, opts?.alpha);
    return this;
  }
  mul_(other: TensorLike): this {
    ip.binaryInPlace(this, "mul", other);
    return this;
  }
  div_(other: TensorLike): this {
    ip.binaryInPlace(this, "div", other);
    return this;
  }
  clamp_(opts: { min?: number; max?: number }): this {
    ip.copyInto(this, clampOp(this.detach(), opts));
    return this;
  }
  fill_(value: number): this {
    ip.fill(this, value);
    return this;
  }
  zero_(): this {
    ip.fill(this, 0);
    return this;
  }
  copy_(src: TensorLike): this {
    ip.copyInto(this, src);
    return this;
  }
  maskedFill_(mask: Tensor, value: number): this {
    ip.copyInto(this, sel.maskedFill(this.detach(), mask, value));
    return this;
  }

  // ---- random fills (in place, PyTorch's draws) ----
  uniform_(opts: { from?: number; to?: number; generator?: Generator } = {}): this {
    rnd.uniformInPlace(this, opts);
    return this;
  }
  normal_(opts: { mean?: number; std?: number; generator?: Generator } = {}): this {
    rnd.normalInPlace(this, opts);
    return this;
  }
  exponential_(opts: { lambd?: number; generator?: Generator } = {}): this {
    rnd.exponentialInPlace(this, opts);
    return this;
  }
}

function flattenShapeArgs(args: readonly (number | readonly number[])[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return (args[0] as number[]).slice();
  for (const a of args) if (typeof a !== "number") throw new Error(`expected a shape as numbers or one array, got ${JSON.stringify(args)}`);
  return args as number[];
}

/**
 * Points a contiguous tensor at new storage of the same size. Only for moving parameters and
 * buffers into flat or shared memory: everything else treats storage as fixed for life.
 */
export function rebindStorage(t: Tensor, storage: Storage): void {
  if (!t.isContiguous() || t.offset !== 0 || storage.length !== t.numel())
    throw new Error(`rebindStorage: needs a contiguous tensor and ${t.numel()} elements, got ${storage.length}`);
  (t as { storage: Storage }).storage = storage;
}

export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}

export function describe(t: Tensor): string {
  return `${formatShape(t.shape)} ${t.dtype}`;
}
