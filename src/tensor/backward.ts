import type { Tensor } from "./tensor.js";
import { type GradFn, noGrad } from "./autograd.js";
import { formatShape, shapesEqual } from "./shape.js";
import { ones } from "./creation.js";
import { accumulateInto, sumToShape } from "./ops/grad-utils.js";

export interface BackwardOptions {
  /** keep the graph for another backward() through it (torch's retain_graph) */
  retainGraph?: boolean;
}

const SECOND_TIME =
  "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). " +
  "Saved intermediate values of the graph are freed when you call .backward(). " +
  "Specify retainGraph: true if you need to backward through the graph a second time.";

const NO_INPUTS: readonly Tensor[] = [];
const freedBackward = (): never => {
  throw new Error(SECOND_TIME);
};

/**
 * What a node keeps once backward() has run through it: its name (so it is still not a leaf,
 * as torch keeps grad_fn) but neither its inputs nor its closure, so the saved tensors can be
 * collected. torch raises only at nodes that saved tensors; every freed node raises here,
 * which is stricter and simpler, and no makemore model backpropagates twice.
 */
const freed = (fn: GradFn): GradFn => ({ name: fn.name, inputs: NO_INPUTS, backward: freedBackward });

/**
 * Reverse-mode autodiff from `root`: topological order over the recorded graph, each node's
 * backward called once with the sum of its incoming gradients. Leaves accumulate into .grad
 * (+=), as in PyTorch, so gradients from several backward() calls add up until zeroed. The
 * graph is freed on the way unless `retainGraph`; a second backward() through it raises.
 */
export function backward(root: Tensor, gradient?: Tensor, opts?: BackwardOptions): void {
  const retain = opts?.retainGraph ?? false;
  if (!root.requiresGrad) throw new Error("element 0 of tensors does not require grad and does not have a grad_fn");
  if (!gradient) {
    if (root.numel() !== 1) throw new Error(`grad can be implicitly created only for scalar outputs, got shape ${formatShape(root.shape)}`);
    gradient = ones(root.shape, { dtype: root.dtype });
  } else if (!shapesEqual(gradient.shape, root.shape)) {
    throw new Error(`backward: gradient shape ${formatShape(gradient.shape)} does not match output shape ${formatShape(root.shape)}`);
  }
  const order = topologicalOrder(root);
  const grads = new Map<Tensor, Tensor>();
  grads.set(root, gradient);
  noGrad(() => {
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i];
      const fn = node.gradFn;
      if (fn && !retain) node.gradFn = freed(fn);
      const g = grads.get(node);
      if (!g) continue;
      grads.delete(node);
      if (!fn) {
        accumulateInto(node, g);
        continue;
      }
      if (node.retainsGrad) accumulateInto(node, g);
      const inputGrads = fn.backward(g);
      for (let k = 0; k < fn.inputs.length; k++) {
        const inp = fn.inputs[k];
        let gi = inputGrads[k];
        if (!inp.requiresGrad || !gi) continue;
        if (!shapesEqual(gi.shape, inp.shape)) gi = sumToShape(gi, inp.shape);
        // a leaf takes each contribution straight into its .grad (+=): a weight used at every
        // time step then costs one in-place add per use, not a chain of temporaries
        if (!inp.gradFn) {
          accumulateInto(inp, gi);
          continue;
        }
        const prev = grads.get(inp);
        grads.set(inp, prev ? prev.add(gi) : gi);
      }
    }
  });
}

function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  // iterative DFS: deep recurrent graphs would overflow a recursive one
  const stack: [Tensor, number][] = [[root, 0]];
  visited.add(root);
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [t, i] = top;
    const inputs = t.gradFn ? t.gradFn.inputs : [];
    if (i < inputs.length) {
      top[1]++;
      const next = inputs[i];
      if (next.requiresGrad && !visited.has(next)) {
        visited.add(next);
        stack.push([next, 0]);
      }
    } else {
      stack.pop();
      order.push(t);
    }
  }
  return order;
}
