import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { repoRoot } from "./helpers/fixtures.js";

/** Packages written for browsers as much as for Node (plain ESM, no Node built-ins). */
const BROWSER_PACKAGES = ["@noble/hashes", "zod"];

/** Every module the entry reaches through static imports, and the Node built-ins and packages among them. */
function staticGraph(entry: string): { modules: string[]; builtins: string[] } {
  const seen = new Set<string>();
  const builtins: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, "utf8");
    for (const m of src.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']/gm)) {
      const spec = m[1] ?? m[2];
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec));
      else if (!BROWSER_PACKAGES.some((p) => spec === p || spec.startsWith(p + "/"))) builtins.push(`${spec} (from ${relative(repoRoot, file)})`);
    }
  };
  visit(entry);
  return { modules: [...seen], builtins };
}

test("the browser entry reaches no Node built-ins and no package the browser lacks", () => {
  const { modules, builtins } = staticGraph(join(repoRoot, "dist", "src", "browser.js"));
  assert.ok(modules.length > 50, "the graph walk found the library");
  assert.deepEqual(builtins, []);
});

test("package.json points bundlers at the browser entry", () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
  assert.equal(pkg.exports["."].browser, "./dist/src/browser.js");
});

test("the browser entry loads a model from bytes, samples and scores", async () => {
  const mm = await import("../src/browser.js");
  const dir = join(repoRoot, "test", "fixtures", "models", "gru");
  const loaded = await mm.loadModel({ config: readFileSync(join(dir, "config.json"), "utf8"), weights: readFileSync(join(dir, "model.safetensors")) });
  const words = mm.sample(loaded, { num: 5, generator: new mm.Generator().manualSeed(1) });
  assert.equal(words.length, 5);
  const [s] = mm.score(loaded, ["emma"]);
  assert.ok(s.nll > 0 && Number.isFinite(s.perplexity));
});
