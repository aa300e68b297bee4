// npm run web:screenshots: every panel of the playground after a short real run, to docs/*.png.
// Not a test: a person looks at the pictures (and the README shows them).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../helpers/fixtures.js";
import { launchChromium, openPage, startPreview } from "./harness.js";

const out = join(repoRoot, "docs");

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const server = await startPreview();
  const chromium = await launchChromium();
  try {
    // two quick runs first, so the list of kept runs has something to show
    const { page } = await openPage(chromium, `${server.url}?type=bigram&learning-rate=0.05&max-steps=300&eval-every=100`);
    await page.setViewportSize({ width: 1440, height: 1000 });
    for (const query of ["?type=bigram&learning-rate=0.05&max-steps=300&eval-every=100", "?type=mlp&learning-rate=0.005&max-steps=300&eval-every=100"]) {
      await page.goto(server.url + query);
      await page.getByTestId("train").click();
      await page.getByTestId("status").filter({ hasText: "done" }).waitFor({ timeout: 600_000 });
    }
    await page.goto(`${server.url}?n-layer=2&n-head=2&n-embd=32&learning-rate=0.002&max-steps=1500&eval-every=150&track-stats`);
    await page.getByTestId("train").click();
    await page.getByTestId("status").filter({ hasText: "done" }).waitFor({ timeout: 600_000 });
    // the diagnostics: a sampled word's attention, and the LR finder of this model's shape
    const sampled = page.getByTestId("samples").locator(".word.fresh").first();
    const word = (await sampled.textContent())!;
    await sampled.hover();
    await page.getByTestId("attention-chart").locator("g.role-title-text text", { hasText: word }).waitFor();
    await page.getByTestId("lr-find").click();
    await page.getByTestId("lr-suggested").waitFor({ timeout: 600_000 });
    await page.getByTestId("activations-chart").locator("svg.marks").waitFor();
    await page.getByTestId("sample-prefix").fill("ka");
    await page.getByTestId("sample-button").click();
    await page.getByTestId("score-word").fill("karpathy");
    await page.getByTestId("score-button").click();
    await page.mouse.move(0, 0);
    await page.evaluate(() => window.scrollTo(0, 0)); // the box below is measured from the viewport's top
    // the page down to the end of the two columns; Inside the model gets a picture of its own
    const top = (await page.locator(".layout").boundingBox())!;
    await page.screenshot({ path: join(out, "playground.png"), fullPage: true, clip: { x: 0, y: 0, width: 1440, height: Math.ceil(top.y + top.height + 24) } });
    await page.getByTestId("inside-model").screenshot({ path: join(out, "inside-the-model.png") });
    for (const [id, name] of [
      ["data-panel", "data"],
      ["model-panel", "model"],
      ["run-panel", "training"],
      ["samples", "samples"],
      ["use-model", "sample-and-score"],
      ["checkpoints", "checkpoints"],
      ["embedding-panel", "embedding"],
      ["activations-panel", "activations"],
      ["update-ratio-panel", "update-ratios"],
      ["lr-finder-panel", "lr-finder"],
    ] as const) {
      await page.getByTestId(id).screenshot({ path: join(out, `panel-${name}.png`) });
    }
    // the attention maps with a cell's tooltip up: the page draws the library's spec interactively
    await page.getByTestId("attention-chart").locator("g.mark-rect.role-mark").nth(2).locator("path").nth(4).hover();
    await page.locator("#vg-tooltip-element.visible").waitFor();
    await page.getByTestId("attention-panel").screenshot({ path: join(out, "panel-attention.png") });
    await page.mouse.move(0, 0);
    await page.getByTestId("bigram-tab").click();
    await page.getByTestId("bigram-sample").click();
    await page
      .locator(".heatmap .cell")
      .filter({ hasText: /^an\d+$/ })
      .hover();
    await page.screenshot({ path: join(out, "bigram.png"), fullPage: true });
    console.log(`screenshots in ${out}`);
  } finally {
    await chromium.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(`web:screenshots: ${(e as Error).message}`);
  process.exitCode = 1;
});
