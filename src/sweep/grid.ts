// A grid: flags, each with one or more values; its runs are every combination of them.
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { flagName, parseFlagValue, type FlagValue } from "./grid-flags.js";

/** One flag of a grid and its values, in the order given. */
export interface Axis {
  flag: string;
  values: FlagValue[];
}

/** One run's settings: flag name → value. */
export type RunFlags = Record<string, FlagValue>;

const GRID_EXAMPLE = `e.g. "type=transformer,mlp n-embd=32,64 learning-rate=1e-3,5e-4"`;

/** `type=transformer,mlp n-embd=32,64`: terms separated by spaces, values by commas. */
export function parseGridText(text: string): Axis[] {
  const terms = text.trim().split(/\s+/).filter(Boolean);
  if (terms.length === 0) throw new Error(`the grid is empty: give FLAG=VALUE[,VALUE…] terms, ${GRID_EXAMPLE}`);
  return checked(
    terms.map((term) => {
      const m = /^([^=]+)=(.*)$/.exec(term);
      const values = m ? m[2].split(",") : [];
      if (!m || values.some((v) => v === "")) throw new Error(`malformed grid term ${JSON.stringify(term)}: expected FLAG=VALUE[,VALUE…], ${GRID_EXAMPLE}`);
      return { flag: m[1], values };
    }),
  );
}

/** A JSON or YAML mapping of flag → value or list of values. */
export function parseGridDocument(text: string, source: string): Axis[] {
  let doc: unknown;
  try {
    doc = extname(source).toLowerCase() === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new Error(`grid file ${source} is not valid ${extname(source).toLowerCase() === ".json" ? "JSON" : "YAML"}: ${(e as Error).message.split("\n")[0]}`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc))
    throw new Error(`grid file ${source} must be a mapping of flag to value or list of values, e.g. {"type": ["mlp", "rnn"], "n-embd": [32, 64]}`);
  return checked(
    Object.entries(doc).map(([flag, v]) => {
      const values = Array.isArray(v) ? v : [v];
      if (values.length === 0 || values.some((x) => typeof x !== "string" && typeof x !== "number" && typeof x !== "boolean"))
        throw new Error(`grid file ${source}: ${flag} must be a number, a string, true/false or a non-empty list of them`);
      return { flag, values: values as FlagValue[] };
    }),
  );
}

/** `--grid` takes a grid string or the path of a .json/.yaml/.yml file. */
export function readGrid(arg: string): Axis[] {
  const isFile = /\.(json|ya?ml)$/i.test(arg.trim()) || (!arg.includes("=") && existsSync(arg));
  if (!isFile) return parseGridText(arg);
  if (!existsSync(arg) || statSync(arg).isDirectory()) throw new Error(`grid file not found: ${arg}`);
  return parseGridDocument(readFileSync(arg, "utf8"), arg);
}

/** Names normalised, values parsed by each flag's table entry, duplicates refused. */
function checked(axes: Axis[]): Axis[] {
  const seen = new Set<string>();
  return axes.map(({ flag, values }) => {
    const name = flagName(flag);
    if (seen.has(name)) throw new Error(`${name} appears twice in the grid: list all its values in one term (${name}=a,b)`);
    seen.add(name);
    const parsed = values.map((v) => parseFlagValue(name, v));
    if (new Set(parsed).size !== parsed.length) throw new Error(`${name} repeats a value in the grid`);
    return { flag: name, values: parsed };
  });
}

/** Every combination, the first flag varying slowest (as itertools.product). */
export function expandGrid(axes: readonly Axis[]): RunFlags[] {
  let runs: RunFlags[] = [{}];
  for (const { flag, values } of axes) runs = runs.flatMap((r) => values.map((v) => ({ ...r, [flag]: v })));
  return runs;
}
