import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Command } from "commander";
import { buildProgram } from "../src/cli/program.js";
import { parseCli } from "./helpers/parse-cli.js";
import { fuzzProperty } from "./helpers/fuzz.js";

// makemore's command line under random flags and values: either it parses, with every number
// inside its flag's bounds, or commander prints exactly one "makemore: …" line. Parsed
// in-process (helpers/parse-cli.ts): the same program, parsers and messages as main.js.

const commands: { path: string[]; cmd: Command }[] = [];
const walk = (cmd: Command, path: string[]) => {
  commands.push({ path, cmd });
  for (const sub of cmd.commands) walk(sub, [...path, sub.name()]);
};
walk(buildProgram(), []);
const flags = [...new Set(commands.flatMap(({ cmd }) => cmd.options.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f))))];

const value = fc.oneof(
  fc.constantFrom("0", "1", "-1", "2", "64", "65", "4096", "4097", "1e-6", "5e-324", "1e309", "NaN", "Infinity", "-0", "0x10", " 3", "3 ", "", "1.5", "abc"),
  fc.constantFrom("mlp", "transformer", "bigram", "foo", "names.txt", "out", "/dev/null", "x.svg", "x.png"),
  fc.integer({ min: -10, max: 1 << 22 }).map(String),
  fc.double().map(String),
  fc.string({ maxLength: 6 }),
);
const token = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...flags) },
  { weight: 3, arbitrary: value },
  { weight: 1, arbitrary: fc.constantFrom("--frobnicate", "-z", "--", "--help=x") },
);
const argv = fc.tuple(fc.constantFrom(...commands.map((c) => c.path)), fc.array(token, { maxLength: 8 })).map(([path, rest]) => [...path, ...rest]);

/** The bounds the flags promise, as parsed option names. */
const BOUNDS: Record<string, [number, number]> = {
  nLayer: [1, 64],
  nHead: [1, 64],
  nEmbd: [1, 4096],
  nEmbd2: [1, 4096],
  batchSize: [1, 65536],
  temperature: [1e-6, 100],
  learningRate: [Number.MIN_VALUE, 10],
  weightDecay: [0, 10],
  maxSteps: [-1, Number.MAX_SAFE_INTEGER],
  topK: [-1, 1 << 20],
  numSamples: [1, 1_000_000],
  workers: [1, 64],
  seed: [0, 2 ** 53],
  smoothing: [0, 1e9],
};

test("fuzz: every command line parses within the flags' bounds or fails with one 'makemore: ' line", async () => {
  await fuzzProperty(
    "CLI flags",
    fc.asyncProperty(argv, async (args) => {
      const r = await parseCli(args);
      if (!r.ok) {
        if (r.code === "commander.helpDisplayed" || r.code === "commander.help" || r.code === "commander.version") return;
        assert.match(r.stderr, /^makemore: [^\n]+\n$/, `${JSON.stringify(args)} → ${JSON.stringify(r.stderr)} (${r.code})`);
        return;
      }
      for (const [k, v] of Object.entries(r.opts)) {
        if (typeof v !== "number") continue;
        assert.ok(Number.isFinite(v), `${k} ${v}`);
        const b = BOUNDS[k];
        if (b) assert.ok(v >= b[0] && v <= b[1], `${JSON.stringify(args)}: ${k} = ${v} is outside [${b[0]}, ${b[1]}]`);
      }
    }),
    300,
  );
});
