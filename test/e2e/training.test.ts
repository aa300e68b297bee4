// The playground trains in headless Chromium, and its numbers are the CLI's: the same run set
// by URL gives the CLI's losses, the downloaded model evaluates to the same test loss, an
// uploaded CLI work dir samples the CLI's words. Pause pauses; a reload keeps the model.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { repoRoot } from "../helpers/fixtures.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { launchChromium, openPage, startPlainServer, startPreview, type Chromium, type Server } from "./harness.js";

let server: Server;
let chromium: Chromium;
let page: Page;
const dir = tempDir("makemore-e2e-");
/** 1000 words: the test split is 100 words, one evaluation batch, so makemore's estimate is the full test loss */
const wordsFile = join(dir, "words.txt");
const RUN = { type: "mlp", seed: 4321, maxSteps: 200, evalEvery: 100, workers: 2 };
const query = `?type=${RUN.type}&seed=${RUN.seed}&max-steps=${RUN.maxSteps}&eval-every=${RUN.evalEvery}&workers=${RUN.workers}`;
const cliDir = join(dir, "cli-run");

before(async () => {
  const names = readFileSync(join(repoRoot, "data", "names.txt"), "utf8")
    .split("\n")
    .filter(Boolean);
  writeFileSync(
    wordsFile,
    names
      .filter((_, i) => i % 32 === 7)
      .slice(0, 1000)
      .join("\n") + "\n",
  );
  server = await startPreview();
  chromium = await launchChromium();
  ({ page } = await openPage(chromium, server.url + query));
});

after(async () => {
  await chromium?.close();
  await server?.close();
});

/** `step N train loss: X test loss: Y`, as the CLI prints every evaluation. */
function cliEvals(stdout: string): { step: number; train: number; test: number }[] {
  return [...stdout.matchAll(/^step (\d+) train loss: (\S+) test loss: (\S+)$/gm)].map((m) => ({
    step: Number(m[1]),
    train: Number(m[2]),
    test: Number(m[3]),
  }));
}

async function useWordsFile(p: Page, file: string): Promise<void> {
  await p.getByTestId("data-panel").getByRole("button", { name: "file" }).click();
  await p.getByTestId("words-file").setInputFiles(file);
  await p.getByTestId("word-count").filter({ hasText: "1,000" }).waitFor();
}

const text = async (p: Page, id: string) => (await p.getByTestId(id).textContent())!.trim();

test("a run set by URL on an uploaded word list gives the CLI's train and test losses (to 1e-6)", async () => {
  const cli = runCli([
    "-i",
    wordsFile,
    "-o",
    cliDir,
    "--type",
    RUN.type,
    "--seed",
    String(RUN.seed),
    "--max-steps",
    String(RUN.maxSteps),
    "--eval-every",
    String(RUN.evalEvery),
    "--workers",
    String(RUN.workers),
  ]);
  assert.equal(cli.status, 0, cli.stderr);
  const evals = cliEvals(cli.stdout);
  assert.ok(evals.length >= 2, cli.stdout);
  const last = evals[evals.length - 1];

  await useWordsFile(page, wordsFile);
  await page.getByTestId("train").click();
  await page.getByTestId("status").filter({ hasText: "done" }).waitFor({ timeout: 120_000 });
  assert.equal(await text(page, "step-count"), String(RUN.maxSteps));
  assert.match(await text(page, "run-info"), /2 threads/);
  const train = Number(await text(page, "train-loss"));
  const testLoss = Number(await text(page, "test-loss"));
  assert.ok(Math.abs(train - last.train) <= 1e-6, `train loss: page ${train}, CLI ${last.train}`);
  assert.ok(Math.abs(testLoss - last.test) <= 1e-6, `test loss: page ${testLoss}, CLI ${last.test}`);
  const samples = await text(page, "samples");
  assert.match(samples, /samples that are in train/);
  assert.match(samples, /samples that are new/);
});

test("the downloaded .safetensors loads in makemore eval with the test loss the page showed", async () => {
  const shown = Number(await text(page, "test-loss"));
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]);
  const file = join(dir, "run.safetensors");
  await download.saveAs(file);
  const r = runCli(["eval", "-i", wordsFile, "-o", file, "--seed", String(RUN.seed)]);
  assert.equal(r.status, 0, r.stderr);
  const m = /^test loss: (\S+)/m.exec(r.stdout);
  assert.ok(m, r.stdout);
  assert.equal(m[1], shown.toFixed(4), `makemore eval: ${r.stdout}`);
});

/** makemore --sample-only's groups, as printed. */
function cliSampleGroups(stdout: string): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  let current: string[] | null = null;
  for (const line of stdout.split("\n")) {
    const h = /^\d+ samples that are (in train|in test|new):$/.exec(line);
    if (h) groups[h[1]] = current = [];
    else if (line.startsWith("---")) current = null;
    else if (current && line) current.push(line);
  }
  return groups;
}

test("an uploaded CLI work dir samples the same words as --sample-only with the same seed", async () => {
  const seed = 77;
  const cli = runCli(["-i", wordsFile, "-o", cliDir, "--sample-only", "--seed", String(seed), "--num-samples", "30"]);
  assert.equal(cli.status, 0, cli.stderr);
  const expected = cliSampleGroups(cli.stdout);
  await page.getByTestId("upload").setInputFiles([join(cliDir, "config.json"), join(cliDir, "model.safetensors")]);
  await page.getByTestId("uploaded-name").waitFor();
  await page.getByTestId("sample-count").fill("30");
  await page.getByTestId("sample-seed").fill(String(seed));
  await page.getByTestId("sample-button").click();
  const groups: Record<string, string[]> = {};
  for (const [name, cls] of [
    ["in train", "train"],
    ["in test", "test"],
    ["new", "fresh"],
  ]) {
    groups[name] = await page.getByTestId("sample-output").locator(`.word.${cls}`).allTextContents();
  }
  assert.deepEqual(groups, { "in train": expected["in train"], "in test": expected["in test"], new: expected.new });
});

test("a reload keeps the model: the kept run is listed, and it samples and shows its losses", async () => {
  const before = await text(page, "test-loss");
  await page.reload();
  await page.getByTestId("kept-runs").locator(".run").first().waitFor();
  assert.match(await text(page, "kept-runs"), /mlp on words\.txt/);
  await page.getByTestId("test-loss").filter({ hasText: before }).waitFor();
  assert.match(await text(page, "model-source"), /this run's best model/);
  await page.getByTestId("sample-button").click();
  assert.ok((await page.getByTestId("sample-output").locator(".word").count()) > 0);
});

test("Continue after a reload carries the kept run on bit for bit: the CLI's --resume losses", async () => {
  const cli = runCli(["-i", wordsFile, "-o", cliDir, "--resume", "--max-steps", "300"]);
  assert.equal(cli.status, 0, cli.stderr);
  const last = cliEvals(cli.stdout).pop()!;
  await page.getByTestId("flag-max-steps").fill("300");
  await page.getByTestId("continue").click();
  await page.getByTestId("status").filter({ hasText: "done" }).waitFor({ timeout: 120_000 });
  assert.equal(await text(page, "step-count"), "300");
  assert.ok(Math.abs(Number(await text(page, "train-loss")) - last.train) <= 1e-6, `train loss vs CLI ${last.train}`);
  assert.ok(Math.abs(Number(await text(page, "test-loss")) - last.test) <= 1e-6, `test loss vs CLI ${last.test}`);
});

test("an uploaded model trains on from its weights (a fresh optimizer), not from scratch", async () => {
  const fresh = cliEvals(
    runCli(["-i", wordsFile, "-o", join(dir, "cli-fresh"), "--type", "mlp", "--seed", "9", "--max-steps", "20", "--eval-every", "10"]).stdout,
  ).pop()!;
  await page.getByTestId("upload").setInputFiles([join(cliDir, "config.json"), join(cliDir, "model.safetensors")]);
  await page.getByTestId("uploaded-name").waitFor();
  await page.getByTestId("flag-seed").fill("9");
  await page.getByTestId("flag-max-steps").fill("20");
  await page.getByTestId("flag-eval-every").fill("10");
  await page.getByTestId("train").click();
  await page.getByTestId("status").filter({ hasText: "done" }).waitFor({ timeout: 120_000 });
  const loss = Number(await text(page, "test-loss"));
  assert.ok(loss < fresh.test - 0.3, `the uploaded model's run reached ${loss}; a fresh one reaches ${fresh.test} in 20 steps`);
});

test("pause really pauses within one step of the click; step runs exactly one; stop ends the run", async () => {
  // a transformer big enough that a step takes a while: the click lands in the middle of one
  await page.goto(`${server.url}?n-embd=192&n-head=4&batch-size=64&workers=1&eval-every=100000`);
  await page.getByTestId("reset").click();
  await page.getByTestId("train").click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-count"]')?.textContent) >= 3, null, { timeout: 120_000 });
  // the click and the step count the page knew at that moment, in one task of the main thread
  const known = await page.evaluate(() => {
    (document.querySelector('[data-testid="pause"]') as HTMLButtonElement).click();
    return Number(document.querySelector('[data-testid="step-count"]')!.textContent);
  });
  await page.getByTestId("status").filter({ hasText: "paused" }).waitFor();
  const paused = Number(await text(page, "step-count"));
  assert.ok(paused >= known && paused <= known + 1, `clicked at step ${known}, paused at ${paused}: at most the step in progress may finish`);
  await page.waitForTimeout(1500);
  assert.equal(Number(await text(page, "step-count")), paused, "the step count does not move while paused");
  await page.getByTestId("step").click();
  await page
    .getByTestId("step-count")
    .filter({ hasText: String(paused + 1) })
    .waitFor();
  await page.waitForTimeout(1000);
  assert.equal(Number(await text(page, "step-count")), paused + 1, "step runs exactly one step");
  await page.getByTestId("train").click(); // now "Resume"
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="step-count"]')?.textContent) > n, paused + 1, { timeout: 60_000 });
  await page.getByTestId("stop").click();
  await page.getByTestId("status").filter({ hasText: "stopped" }).waitFor({ timeout: 60_000 });
});

test("Step on an idle page starts the run paused after exactly one step; Resume runs it to the budget", async () => {
  await page.goto(`${server.url}?type=mlp&max-steps=40&eval-every=20`);
  await page.getByTestId("reset").click();
  await page.getByTestId("step").click();
  await page.getByTestId("status").filter({ hasText: "paused" }).waitFor();
  await page.getByTestId("step-count").filter({ hasText: /^1$/ }).waitFor();
  await page.waitForTimeout(1000);
  assert.equal(await text(page, "step-count"), "1");
  await page.getByTestId("train").click();
  await page.getByTestId("status").filter({ hasText: "done" }).waitFor({ timeout: 60_000 });
  assert.equal(await text(page, "step-count"), "40");
});

test("without cross-origin isolation (a plain static host) the page trains the default transformer in one thread and says so", async () => {
  const plain = await startPlainServer();
  try {
    // the wasm memory cannot be shared there, and growing it would detach the weights' views
    const cli = runCli(["-i", wordsFile, "-o", join(dir, "cli-one"), "--seed", "5", "--max-steps", "40", "--eval-every", "20", "--workers", "1"]);
    assert.equal(cli.status, 0, cli.stderr);
    const last = cliEvals(cli.stdout).pop()!;
    const { page: p } = await openPage(chromium, `${plain.url}?seed=5&max-steps=40&eval-every=20`);
    await p.getByTestId("isolated").filter({ hasText: "no" }).waitFor();
    assert.match(await text(p, "one-thread"), /one thread/);
    await useWordsFile(p, wordsFile);
    await p.getByTestId("train").click();
    await p.getByTestId("status").filter({ hasText: "done" }).waitFor({ timeout: 120_000 });
    assert.match(await text(p, "run-info"), /1 thread$/);
    assert.ok(Math.abs(Number(await text(p, "test-loss")) - last.test) <= 1e-6);
    await p.close();
  } finally {
    await plain.close();
  }
});
