// npm run bench:web: the default transformer's ms/step in headless Chromium (the playground's
// Worker, cross-origin isolated, under web:preview) against Node in the same run, alternating
// the two sides over a few rounds. A benchmark, not a test: it prints numbers and checks none.
import { join } from "node:path";
import * as mm from "../src/index.js";
import { repoRoot } from "../test/helpers/fixtures.js";
import { launchChromium, startPreview } from "../test/e2e/harness.js";

const STEPS = Number(process.env.BENCH_STEPS ?? 300);
/** V8 optimises a function after many calls: the first steps are not the steady state */
const WARMUP = Math.min(100, Math.floor(STEPS / 3));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function nodeRun(words: string[]): Promise<number[]> {
  const ms: number[] = [];
  const session = await mm.startSession(words, { maxSteps: STEPS, evalEvery: 1e9, numSamples: 1, workers: WORKERS });
  try {
    await session.start((e) => {
      if (e.kind === "step") ms.push(e.stepMs);
    });
  } finally {
    await session.close();
  }
  return ms;
}

interface BrowserResult {
  ms?: number[];
  backend?: string;
  isolated?: boolean;
  error?: string;
}

async function main(): Promise<void> {
  const words = mm.readWordsFile(join(repoRoot, "data", "names.txt"));
  const server = await startPreview();
  const chromium = await launchChromium();
  const rows: { round: number; node: number; browser: number }[] = [];
  let info: BrowserResult = {};
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const node = median((await nodeRun(words)).slice(WARMUP));
      const page = await chromium.context.newPage();
      await page.goto(`${server.url}bench.html?steps=${STEPS}&workers=${WORKERS}`);
      await page.waitForFunction(() => (window as unknown as { benchResult?: unknown }).benchResult !== undefined, null, { timeout: 600_000 });
      info = await page.evaluate(() => (window as unknown as { benchResult: BrowserResult }).benchResult);
      await page.close();
      if (info.error || !info.ms) throw new Error(`the page failed: ${info.error}`);
      const browser = median(info.ms.slice(WARMUP));
      rows.push({ round, node, browser });
      console.log(`round ${round}: Node ${node.toFixed(2)} ms/step, Chromium ${browser.toFixed(2)} ms/step (${(browser / node).toFixed(2)}×)`);
    }
  } finally {
    await chromium.close();
    await server.close();
  }
  const node = median(rows.map((r) => r.node));
  const browser = median(rows.map((r) => r.browser));
  console.log(
    `\ndefault transformer (${mm.MAKEMORE_DEFAULTS.nLayer} layers, n_embd ${mm.MAKEMORE_DEFAULTS.nEmbd}, batch ${mm.MAKEMORE_DEFAULTS.batchSize}), ${WORKERS} workers, ` +
      `median of steps ${WARMUP}…${STEPS - 1} over ${ROUNDS} rounds:\n` +
      `  Node ${process.version} (${mm.backendName()}): ${node.toFixed(2)} ms/step\n` +
      `  headless Chromium (${info.backend}, cross-origin isolated: ${info.isolated}): ${browser.toFixed(2)} ms/step\n` +
      `  Chromium / Node: ${(browser / node).toFixed(2)}× (goal ≤ 1.15×)`,
  );
}

main().catch((e) => {
  console.error(`bench:web: ${(e as Error).message}`);
  process.exitCode = 1;
});
