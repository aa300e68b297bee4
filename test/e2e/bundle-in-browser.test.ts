// The esbuild bundle of the browser entry (the one test/bundle.test.ts makes) trains and
// samples in headless Chromium, cross-origin isolated, and its numbers are Node's.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as mm from "makemore";
import { repoRoot } from "../helpers/fixtures.js";
import { bundleBrowserEntry, bundleDir } from "../helpers/bundle.js";
import { launchChromium, openPage, startPlainServer, type Chromium, type Server } from "./harness.js";

let server: Server;
let chromium: Chromium;
const root = join(bundleDir, "page");
const OPTIONS = { maxSteps: 30, evalEvery: 15, numSamples: 5, workers: 1 };

before(async () => {
  const bundle = await bundleBrowserEntry("esbuild");
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, "index.html"),
    `<!doctype html><meta charset="utf-8"><title>bundle</title><script type="module">import * as mm from "./makemore.js"; window.mm = mm;</script>`,
  );
  copyFileSync(bundle, join(root, "makemore.js"));
  server = await startPlainServer({ root, isolated: true });
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  await server?.close();
});

/** The evaluations of a 30-step default transformer run, and its final samples. */
async function nodeRun(words: string[]) {
  const evals: { step: number; trainLoss: number; testLoss: number }[] = [];
  let samples: string[] = [];
  const s = await mm.startSession(words, OPTIONS);
  await s.start((e) => {
    if (e.kind === "eval") evals.push({ step: e.step, trainLoss: e.trainLoss, testLoss: e.testLoss });
    if (e.kind === "samples") samples = e.words;
  });
  await s.close();
  return { evals, samples };
}

test("the esbuild bundle trains 30 transformer steps in Chromium (wasm, isolated) to Node's losses, and samples", async () => {
  const words = mm.readWordsFile(join(repoRoot, "data", "names.txt"));
  const expected = await nodeRun(words);
  const { page, logs } = await openPage(chromium, server.url);
  await page.waitForFunction(() => "mm" in window);
  const got = await page.evaluate(
    async ({ words, options }) => {
      const lib = (window as any).mm;
      const evals: { step: number; trainLoss: number; testLoss: number }[] = [];
      let samples: string[] = [];
      const s = await lib.startSession(words, options);
      await s.start((e: any) => {
        if (e.kind === "eval") evals.push({ step: e.step, trainLoss: e.trainLoss, testLoss: e.testLoss });
        if (e.kind === "samples") samples = e.words;
      });
      await s.close();
      return { evals, samples, backend: lib.backendName(), isolated: crossOriginIsolated };
    },
    { words, options: OPTIONS },
  );
  assert.equal(got.isolated, true);
  assert.match(got.backend, /^wasm-/, logs.join("\n"));
  assert.equal(got.evals.length, expected.evals.length);
  got.evals.forEach((e, i) => {
    const n = expected.evals[i];
    assert.equal(e.step, n.step);
    assert.ok(
      Math.abs(e.trainLoss - n.trainLoss) <= 1e-6 && Math.abs(e.testLoss - n.testLoss) <= 1e-6,
      `step ${e.step}: ${JSON.stringify(e)} vs ${JSON.stringify(n)}`,
    );
  });
  assert.deepEqual(got.samples, expected.samples);
});
