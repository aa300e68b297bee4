import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "./helpers/fixtures.js";
import { bundleBrowserEntry, type Bundler } from "./helpers/bundle.js";

const gru = join(repoRoot, "test", "fixtures", "models", "gru");

for (const bundler of ["esbuild", "webpack", "vite"] as const satisfies readonly Bundler[]) {
  test(`${bundler} bundles the browser entry with no externals, and the bundle samples and scores`, async () => {
    const file = await bundleBrowserEntry(bundler);
    const text = readFileSync(file, "utf8");
    assert.doesNotMatch(text, /from\s*["']node:/, "no Node built-in is left as an import");
    const mm = await import(pathToFileURL(file).href);
    const loaded = await mm.loadModel({ config: readFileSync(join(gru, "config.json"), "utf8"), weights: readFileSync(join(gru, "model.safetensors")) });
    const words: string[] = mm.sample(loaded, { num: 3, generator: new mm.Generator().manualSeed(1) });
    const direct = await import("../src/browser.js");
    const unbundled = await direct.loadModel({ config: readFileSync(join(gru, "config.json"), "utf8"), weights: readFileSync(join(gru, "model.safetensors")) });
    assert.deepEqual(words, direct.sample(unbundled, { num: 3, generator: new direct.Generator().manualSeed(1) }), "the bundle samples what the library does");
    const [s] = mm.score(loaded, ["emma"]);
    assert.ok(s.nll > 0 && Number.isFinite(s.perplexity));
  });
}
