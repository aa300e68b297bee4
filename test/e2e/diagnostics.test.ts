// The playground's recipe settings and its Inside-the-model panels in headless Chromium: a
// recipe run set by URL gives the CLI's losses for the same flags, and each panel draws the
// library's numbers (checked here against the library and the CLI on the same input).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import * as mm from "makemore";
import { repoRoot } from "../helpers/fixtures.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { launchChromium, openPage, startPreview, type Chromium, type Server } from "./harness.js";

let server: Server;
let chromium: Chromium;
let page: Page;
const requests: string[] = [];
const dir = tempDir("makemore-e2e-diag-");
const wordsFile = join(dir, "words.txt");
const cliDir = join(dir, "cli-recipe");
/** the recipe flags, as the CLI spells them and the URL carries them */
const RECIPE: [string, string | null][] = [
  ["dropout", "0.1"],
  ["lr-schedule", "cosine"],
  ["warmup-steps", "20"],
  ["grad-clip", "1"],
  ["ema", "0.99"],
  ["dedupe", null],
  ["track-stats", null],
];
const BASE: [string, string][] = [
  ["type", "mlp"],
  ["seed", "4321"],
  ["max-steps", "200"],
  ["eval-every", "100"],
  ["workers", "2"],
];
const query = "?" + [...BASE.map(([k, v]) => `${k}=${v}`), ...RECIPE.map(([k, v]) => (v === null ? k : `${k}=${v}`))].join("&");
const cliFlags = [...BASE, ...RECIPE].flatMap(([k, v]) => (v === null ? [`--${k}`] : [`--${k}`, v]));

before(async () => {
  const names = readFileSync(join(repoRoot, "data", "names.txt"), "utf8")
    .split("\n")
    .filter(Boolean);
  writeFileSync(
    wordsFile,
    names
      .filter((_, i) => i % 32 === 11)
      .slice(0, 1000)
      .join("\n") + "\n",
  );
  server = await startPreview();
  chromium = await launchChromium();
  chromium.context.on("request", (r) => requests.push(r.url()));
  ({ page } = await openPage(chromium, server.url + query));
});

after(async () => {
  await chromium?.close();
  await server?.close();
});

const text = async (id: string) => (await page.getByTestId(id).textContent())!.trim();
const texts = (id: string, selector: string) => page.getByTestId(id).locator(selector).allTextContents();
const lastEval = (stdout: string) => {
  const all = [...stdout.matchAll(/^step (\d+) train loss: (\S+) test loss: (\S+)$/gm)];
  const m = all[all.length - 1];
  return { step: Number(m[1]), train: Number(m[2]), test: Number(m[3]) };
};

test("a recipe run set by URL (dropout, cosine, warmup, grad clip, EMA, dedupe, track-stats) gives the CLI's losses for the same flags (to 1e-6)", async () => {
  const cli = runCli(["-i", wordsFile, "-o", cliDir, ...cliFlags]);
  assert.equal(cli.status, 0, cli.stderr);
  const expected = lastEval(cli.stdout);
  // the page shows the flags it read, as the command line and in its own URL
  assert.match(await text("recipe"), /changed/);
  const shown = await page.locator(".cli").first().textContent();
  assert.ok(shown!.includes(cliFlags.join(" ")), shown!);
  assert.ok(page.url().endsWith(query.slice(1)), page.url());
  await page.getByTestId("data-panel").getByRole("button", { name: "file" }).click();
  await page.getByTestId("words-file").setInputFiles(wordsFile);
  await page.getByTestId("word-count").filter({ hasText: "1,000" }).waitFor();
  // the embedding's caption at every evaluation, as the page shows it
  await page.evaluate(() => {
    const seen: string[] = ((window as unknown as { seenEmbedding: string[] }).seenEmbedding = []);
    new MutationObserver(() => {
      const t = document.querySelector('[data-testid="embedding-source"]')?.textContent;
      if (t && seen[seen.length - 1] !== t) seen.push(t);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByTestId("train").click();
  await page.getByTestId("status").filter({ hasText: "done" }).waitFor({ timeout: 120_000 });
  assert.equal(await text("step-count"), "200");
  assert.ok(Math.abs(Number(await text("train-loss")) - expected.train) <= 1e-6, `train loss: page ${await text("train-loss")}, CLI ${expected.train}`);
  assert.ok(Math.abs(Number(await text("test-loss")) - expected.test) <= 1e-6, `test loss: page ${await text("test-loss")}, CLI ${expected.test}`);
  const seen = await page.evaluate(() => (window as unknown as { seenEmbedding: string[] }).seenEmbedding);
  assert.deepEqual(
    seen.filter((s) => s.endsWith("live")),
    ["step 100 of this run, live", "step 199 of this run, live"],
  );
});

test("the embedding scatter has one labelled point per row of the MLP's table, at the library's coordinates of the CLI's weights", async () => {
  const state = mm.decodeTrainState(readFileSync(join(cliDir, "train_state.safetensors")), "train_state");
  const { model, vocab } = mm.buildModel(state.config, state.model);
  const expected = mm.modelEmbedding(model, vocab)!;
  const chart = page.getByTestId("embedding-chart");
  await chart.locator("svg.marks").waitFor();
  const labels = await texts("embedding-chart", "g.role-mark.layer_1_marks text");
  assert.deepEqual(labels.sort(), [".", ...vocab.chars, "∅"].sort(), "one label per character, the start token and the MLP's blank");
  assert.equal(await chart.locator("g.role-mark.layer_0_marks path").count(), labels.length);
  // hovering a point shows the library's numbers for that character
  const a = expected.points.find((p) => p.label === "a")!;
  await chart.locator("g.role-mark.layer_1_marks text", { hasText: /^a$/ }).hover();
  const tip = page.locator("#vg-tooltip-element.visible");
  await tip.waitFor();
  const tipText = (await tip.textContent())!.replace(/−/g, "-"); // d3-format's minus sign
  assert.ok(tipText.includes(a.x.toFixed(3)) && tipText.includes(a.y.toFixed(3)), `tooltip ${tipText}, library (${a.x}, ${a.y})`);
  const pc = (i: 0 | 1) => `PC ${i + 1} (${(100 * expected.explained![i]).toFixed(0)}%)`;
  const axes = await texts("embedding-chart", "g.role-axis-title text");
  assert.deepEqual(axes.sort(), [pc(0), pc(1)].sort());
});

test("the update-ratio chart has one line per 2-D parameter, named with its shape, and the −3 reference line", async () => {
  const state = mm.decodeTrainState(readFileSync(join(cliDir, "train_state.safetensors")), "train_state");
  const params = mm.buildModel(state.config, state.model).model.namedParameters();
  const shapes = params.filter(([, p]) => p.ndim === 2).map(([name, p]) => `${name} (${p.shape.join(", ")})`);
  assert.ok(shapes.length >= 2 && params.some(([, p]) => p.ndim === 1), "the MLP has 1-D parameters too (not drawn)");
  const chart = page.getByTestId("update-ratio-chart");
  await chart.locator("svg.marks").waitFor();
  assert.deepEqual((await texts("update-ratio-chart", "g.role-legend-label text")).sort(), shapes.sort());
  assert.equal(await chart.locator("g.mark-line.role-mark path").count(), shapes.length);
  assert.equal(await chart.locator("g.mark-rule.role-mark line").count(), 1);
  assert.ok((await texts("update-ratio-chart", "g.role-axis-label text")).some((t) => t.replace("−", "-") === "-3"));
});

test("the activation and gradient histograms are inspectModel's of the model on the page (the CLI's best model)", async () => {
  const loaded = await mm.loadModel(cliDir);
  const report = mm.inspectModel(loaded.model, loaded.vocab, mm.readWordsFile(wordsFile), { udSteps: 0 });
  const tanh = report.activations[0];
  const signed = (v: number, d: number) => (v >= 0 ? "+" : "") + v.toFixed(d);
  await page.getByTestId("activations-chart").locator("svg.marks").waitFor();
  assert.deepEqual(await texts("activations-chart", "g.role-legend-label text"), [
    `${tanh.name}: mean ${signed(tanh.mean, 2)}, std ${tanh.std.toFixed(2)}, saturated ${(tanh.saturated! * 100).toFixed(2)}%`,
  ]);
  const grad = report.gradients[0];
  assert.deepEqual(await texts("gradients-chart", "g.role-legend-label text"), [
    `${grad.name}: mean ${signed(grad.mean, 6)}, std ${grad.std.toExponential(2)}`,
  ]);
});

test("the attention panel says why an MLP has none; hovering a transformer's sample shows nLayer × nHead maps of that word", async () => {
  assert.match(await text("attention-unavailable"), /^Only the transformer has attention maps: the MLP reads its last block of characters/);
  await page.goto(`${server.url}?n-layer=2&n-head=3&n-embd=12&max-steps=20&eval-every=10&workers=1`);
  await page.getByTestId("reset").click();
  await page.getByTestId("train").click();
  await page.getByTestId("status").filter({ hasText: "done" }).waitFor({ timeout: 120_000 });
  const word = page.getByTestId("samples").locator(".word").first();
  const hovered = (await word.textContent())!;
  await word.hover();
  const chart = page.getByTestId("attention-chart");
  await chart.locator("g.role-title-text text", { hasText: `attention of "${hovered}"` }).waitFor();
  assert.equal(await chart.locator("g.mark-rect.role-mark").count(), 2 * 3, "one map per layer and head");
  const T = Array.from(hovered).length + 1;
  assert.equal(
    await chart.locator("g.mark-rect.role-mark").first().locator("path").count(),
    (T * (T + 1)) / 2,
    "a causal map: each query reads itself and what came before",
  );
  // another word, from Sample & score this time
  await page.getByTestId("sample-button").click();
  const other = page
    .getByTestId("sample-output")
    .locator(".word")
    .filter({ hasNotText: new RegExp(`^${hovered}$`) })
    .first();
  const otherWord = (await other.textContent())!;
  await other.hover();
  await chart.locator("g.role-title-text text", { hasText: `attention of "${otherWord}"` }).waitFor();
});

test("the LR finder runs the library's lrFindOnWords in a Worker: a curve of N points and the CLI's suggested rate", async () => {
  await page.getByTestId("lr-steps").fill("120");
  await page.getByTestId("lr-hi").fill("-1"); // AdamW up to 0.1: every step's loss stays finite, so every point is drawn
  await page.getByTestId("lr-find").click();
  await page.getByTestId("lr-suggested").waitFor({ timeout: 120_000 });
  assert.equal(await text("lr-progress"), "120 / 120 steps");
  const chart = page.getByTestId("lr-chart");
  await chart.locator("svg.marks").waitFor();
  // the curve's points (invisible, for the tooltips) and the suggested rate's dot
  assert.equal(await chart.locator("g.role-mark.layer_0_layer_1_marks path").count(), 120);
  assert.equal(await chart.locator("g.mark-line.role-mark path").count(), 1);
  const shownCli = (await page.getByTestId("lr-finder-panel").locator(".cli").textContent())!.replace(/^\$ /, "");
  // the page trains on the kept run's words (words.txt): the same file on the command line
  assert.equal(shownCli, "makemore lr-find -i words.txt --type transformer --n-layer 2 --n-head 3 --n-embd 12 --steps 120 --lo -4 --hi -1 --optimizer adamw");
  const cli = runCli(["lr-find", "-i", wordsFile, ...shownCli.split(" ").slice(4)]);
  assert.equal(cli.status, 0, cli.stderr);
  const suggested = /suggested learning rate: (\S+)/.exec(cli.stdout)![1];
  assert.equal(/suggested: (\S+)/.exec(await text("lr-suggested"))![1], suggested);
  await page.getByTestId("lr-use").click();
  // the field shows the new value on the render after the click's (it syncs in an effect)
  const near = (v: string) => Math.abs(Number(v) - Number(suggested)) <= 0.06 * Number(suggested);
  await page
    .waitForFunction(
      (lr) => Math.abs(Number((document.querySelector('[data-testid="flag-learning-rate"]') as HTMLInputElement).value) - lr) <= 0.06 * lr,
      Number(suggested),
      { timeout: 10_000 },
    )
    .catch(() => {});
  const used = await page.getByTestId("flag-learning-rate").inputValue();
  assert.ok(near(used), `learning rate ${used}, suggested ${suggested}`);
});

test("the library's presets are on the page: quick gives --preset quick in the command and the URL; a flag over it stays", async () => {
  await page.getByRole("button", { name: "quick (1 min)" }).click();
  const cli = (await page.locator(".cli").first().textContent())!;
  assert.match(cli, /^\$ makemore -i \S+ -o out --preset quick$/);
  await page.waitForURL(/\?preset=quick$/); // the URL follows the settings after the render
  await page.getByTestId("flag-dropout").fill("0.2");
  assert.match((await page.locator(".cli").first().textContent())!, /--preset quick --dropout 0\.2$/);
  await page.waitForURL(/\?preset=quick&dropout=0\.2$/); // the URL follows the settings after the render
  await page.reload();
  assert.equal(await page.getByTestId("flag-lr-schedule").inputValue(), "cosine");
  assert.equal(await page.getByTestId("flag-dropout").inputValue(), "0.2");
});

test("the charts load nothing but the page's own origin (vega-embed and its font are bundled)", () => {
  const origin = new URL(server.url).origin;
  assert.ok(
    requests.some((u) => /embed-.*\.js$/.test(u)),
    "the vega-embed chunk came from the page",
  );
  assert.deepEqual(
    requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")),
    [],
  );
});
