// `npm run example -- <mlp|activations|backprop|wavenet> [--steps N] [--plots DIR] [-i FILE]`:
// runs one lecture's example (the notebook's full step counts unless --steps shortens them).
import { parseArgs } from "node:util";
import type { ExampleOptions } from "./lib/options.js";

const EXAMPLES: Record<string, () => Promise<{ main: (o: ExampleOptions) => Promise<unknown> }>> = {
  mlp: () => import("./mlp.js"),
  activations: () => import("./activations.js"),
  backprop: () => import("./backprop.js"),
  wavenet: () => import("./wavenet.js"),
};

const fail = (msg: string): never => {
  console.error(`makemore: ${msg}`);
  process.exit(1);
};

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      steps: { type: "string" },
      "lr-find-steps": { type: "string" },
      "diag-steps": { type: "string" },
      plots: { type: "string" },
      input: { type: "string", short: "i" },
    },
  });
} catch (e) {
  fail((e as Error).message);
}
const [name] = args!.positionals;
if (!name || !EXAMPLES[name]) fail(`usage: npm run example -- <${Object.keys(EXAMPLES).join("|")}> [--steps N] [--plots DIR] [-i FILE]`);
const count = (flag: string, v: string | undefined) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) fail(`--${flag} must be a positive integer, got ${v}`);
  return n;
};
const v = args!.values;
const opts: ExampleOptions = {
  steps: count("steps", v.steps),
  lrFindSteps: count("lr-find-steps", v["lr-find-steps"]),
  diagSteps: count("diag-steps", v["diag-steps"]),
  plots: v.plots,
  input: v.input,
};
try {
  await (await EXAMPLES[name]()).main(opts);
} catch (e) {
  fail((e as Error).message);
}
