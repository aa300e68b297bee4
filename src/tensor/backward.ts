import type { Tensor } from "./tensor.js";
import { noGrad } from "./autograd.js";
import { formatShape, shapesEqual } from "./shape.js";
import { ones } from "./creation.js";
import { accumulateInto, sumToShape } from "./ops/grad-utils.js";

/**
 * Reverse-mode autodiff from `root`: topological order over the recorded graph, each node's
 * backward called once with the sum of its incoming gradients. Leaves accumulate into .grad
 * (+=), as in PyTorch, so gradients from several backward() calls add up until zeroed.
 */
export function backward(root: Tensor, gradient?: Tensor, _opts?: { retainGraph?: boolean }): void {
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
      const g = grads.get(node);
      if (!g) continue;
      grads.delete(node);
      const fn = node.gradFn;
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
