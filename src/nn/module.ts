import { Tensor } from "../tensor/tensor.js";
import { noGrad } from "../tensor/autograd.js";
import { formatShape, shapesEqual } from "../tensor/shape.js";

const PARAMETERS = new WeakSet<Tensor>();
const BUFFERS = new WeakSet<Tensor>();

/** Marks t as a trainable parameter (nn.Parameter): a float leaf that requires grad. */
export function parameter(t: Tensor): Tensor {
  const p = t.isLeaf ? t : t.detach();
  p.requiresGrad_(true);
  PARAMETERS.add(p);
  return p;
}

/** Marks t as a buffer: state saved in the state dict but not trained (BatchNorm running stats). */
export function buffer(t: Tensor): Tensor {
  BUFFERS.add(t);
  return t;
}

export const isParameter = (t: Tensor): boolean => PARAMETERS.has(t);

/**
 * nn.Module. Parameters, buffers and submodules are found by walking the instance's fields in
 * the order they were assigned, so construction order is registration order, as in PyTorch,
 * and names are PyTorch's state-dict keys (`transformer.h.0.attn.c_attn.weight`). Arrays of
 * modules (ModuleList) are named by index.
 */
export abstract class Module {
  training = true;

  /** Own parameters and buffers first, then each child's, like torch's state_dict order. */
  private walk(prefix: string, visit: (name: string, t: Tensor, kind: "parameter" | "buffer") => void): void {
    for (const [field, value] of Object.entries(this)) {
      if (!(value instanceof Tensor)) continue;
      if (PARAMETERS.has(value)) visit(prefix + field, value, "parameter");
      else if (BUFFERS.has(value)) visit(prefix + field, value, "buffer");
    }
    for (const [name, child] of this.namedChildren()) child.walk(`${prefix}${name}.`, visit);
  }

  /** Direct submodules by name, in assignment order. */
  namedChildren(): [string, Module][] {
    const out: [string, Module][] = [];
    for (const [field, value] of Object.entries(this)) {
      if (value instanceof Module) out.push([field, value]);
      else if (Array.isArray(value) && value.length && value.every((v) => v instanceof Module))
        value.forEach((m: Module, i: number) => out.push([`${field}.${i}`, m]));
    }
    return out;
  }

  namedParameters(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const seen = new Set<Tensor>();
    this.walk("", (name, t, kind) => {
      if (kind === "parameter" && !seen.has(t)) {
        seen.add(t);
        out.push([name, t]);
      }
    });
    return out;
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  namedBuffers(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    this.walk("", (name, t, kind) => kind === "buffer" && out.push([name, t]));
    return out;
  }

  /** Every module in the tree, this one first. */
  modules(): Module[] {
    const out: Module[] = [this];
    for (const [, child] of this.namedChildren()) out.push(...child.modules());
    return out;
  }

  numParameters(): number {
    return this.parameters().reduce((n, p) => n + p.numel(), 0);
  }

  /** The parameter and buffer tensors themselves (not views), in state-dict order. */
  stateTensors(): [string, Tensor, "parameter" | "buffer"][] {
    const out: [string, Tensor, "parameter" | "buffer"][] = [];
    this.walk("", (name, t, kind) => out.push([name, t, kind]));
    return out;
  }

  /** Parameters and buffers by PyTorch key, sharing storage with the module. */
  stateDict(): Map<string, Tensor> {
    const out = new Map<string, Tensor>();
    this.walk("", (name, t) => out.set(name, t.detach()));
    return out;
  }

  /**
   * Copies values in place (so optimizers and views keep working). Strict by default: every key
   * must exist on both sides with the same shape, and the error names what disagrees.
   */
  loadStateDict(state: Map<string, Tensor> | Record<string, Tensor>, opts: { strict?: boolean } = {}): void {
    const strict = opts.strict ?? true;
    const src = state instanceof Map ? state : new Map(Object.entries(state));
    const own = this.stateDict();
    if (strict) {
      const missing = [...own.keys()].filter((k) => !src.has(k));
      const unexpected = [...src.keys()].filter((k) => !own.has(k));
      if (missing.length || unexpected.length)
        throw new Error(
          `state dict does not match the model: ` +
            [missing.length ? `missing ${missing.join(", ")}` : "", unexpected.length ? `unexpected ${unexpected.join(", ")}` : ""].filter(Boolean).join("; "),
        );
    }
    for (const [k, dst] of own) {
      const s = src.get(k);
      if (!s) continue;
      if (!shapesEqual(s.shape, dst.shape))
        throw new Error(
          `size mismatch for ${k}: copying a param with shape ${formatShape(s.shape)}, the shape in the current model is ${formatShape(dst.shape)}`,
        );
    }
    noGrad(() => {
      for (const [k, dst] of own) {
        const s = src.get(k);
        if (s) dst.copy_(s);
      }
    });
  }

  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Clears gradients: to null (torch's default), or to zero keeping the buffers. */
  zeroGrad(opts: { setToNone?: boolean } = {}): void {
    for (const p of this.parameters()) {
      if (opts.setToNone === false) p.grad?.zero_();
      else p.grad = null;
    }
  }
}
