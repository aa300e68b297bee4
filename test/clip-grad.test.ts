/**
 * clipGradNorm_ (torch.nn.utils.clip_grad_norm_) against the maths: the 2-norm of all gradients
 * together, and the scale maxNorm / (norm + 1e-6) applied only when it is below 1; on each
 * kernel backend (it sums the squares with the sumSquares kernel).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mm from "makemore";
import { forEachBackend, useBackend } from "./helpers/backends.js";
import { assertClose } from "./helpers/close.js";

const f = Math.fround;

function withGrad(values: number[] | Float32Array, grad: number[] | Float32Array | null): mm.Tensor {
  const p = mm.tensor(Float32Array.from(values), { requiresGrad: true });
  p.grad = grad ? mm.tensor(Float32Array.from(grad)) : null;
  return p;
}

forEachBackend((backend) => {
  test(`clipGradNorm_ (${backend}): a 3-4-12 gradient has norm 13 and is scaled to norm 1; no grad is skipped`, () => {
    useBackend(backend);
    const a = withGrad([0, 0], [3, 4]), b = withGrad([0], [12]), frozen = withGrad([5], null);
    assert.equal(mm.clipGradNorm_([a, b, frozen], 1), 13);
    const coef = f(1 / f(13 + 1e-6)); // float32, as torch computes it
    assert.deepEqual([...a.grad!.f32(), ...b.grad!.f32()], [f(3 * coef), f(4 * coef), f(12 * coef)]);
    assertClose([...a.grad!.f32(), ...b.grad!.f32()], [3 / 13, 4 / 13, 12 / 13], "unit norm", 1e-6);
    assert.equal(frozen.grad, null);
  });

  test(`clipGradNorm_ (${backend}): under the limit nothing changes; no gradients at all is norm 0`, () => {
    useBackend(backend);
    const a = withGrad([0, 0], [3, 4]);
    assert.equal(mm.clipGradNorm_([a], 5.5), 5);
    assert.deepEqual([...a.grad!.f32()], [3, 4]);
    assert.equal(mm.clipGradNorm_([withGrad([1], null)], 1), 0);
  });

  test(`clipGradNorm_ (${backend}): squares summed in double (float32 would overflow), long gradients`, () => {
    useBackend(backend);
    const huge = withGrad([0, 0, 0, 0], [1e20, -1e20, 1e20, -1e20]);
    assert.equal(mm.clipGradNorm_([huge], 1), f(2e20));
    assertClose(huge.grad!.f32(), [0.5, -0.5, 0.5, -0.5], "scaled", 1e-6);
    const g = Float32Array.from({ length: 100_003 }, (_, i) => Math.sin(i) * 1e-2);
    let squares = 0;
    for (const v of g) squares += v * v;
    assert.equal(mm.clipGradNorm_([withGrad(new Float32Array(g.length), g)], 1e9), f(Math.sqrt(squares)));
  });

  test(`clipGradNorm_ (${backend}): a NaN gradient makes the norm and every gradient NaN, as in torch`, () => {
    useBackend(backend);
    const a = withGrad([0, 0], [1, NaN]), b = withGrad([0], [2]);
    assert.ok(Number.isNaN(mm.clipGradNorm_([a, b], 1)));
    assert.ok([...a.grad!.f32(), ...b.grad!.f32()].every(Number.isNaN));
  });
});

test("clipGradNorm_: a negative or missing maxNorm is a one-line error", () => {
  assert.throws(() => mm.clipGradNorm_([], -1), /^Error: clipGradNorm_: maxNorm must be a number ≥ 0, got -1$/);
  assert.throws(() => mm.clipGradNorm_([], NaN), /maxNorm must be a number ≥ 0, got NaN/);
});
