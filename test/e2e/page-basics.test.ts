// The playground in headless Chromium, without training: isolation, the bigram notebook and
// bad input. Every expected string comes from the CLI, run here on the same input.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { repoRoot } from "../helpers/fixtures.js";
import { bigramCli, runCli, tempDir } from "../helpers/cli.js";
import { launchChromium, openPage, startPreview, type Chromium, type Server } from "./harness.js";

let server: Server;
let chromium: Chromium;
let page: Page;

before(async () => {
  server = await startPreview();
  chromium = await launchChromium();
  ({ page } = await openPage(chromium, server.url));
});

after(async () => {
  await chromium?.close();
  await server?.close();
});

test("under web:preview the page is cross-origin isolated, says so, and loads nothing but its own origin", async () => {
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  await page.getByTestId("isolated").filter({ hasText: "yes" }).waitFor();
  const p = await chromium.context.newPage();
  const requests: string[] = [];
  p.on("request", (r) => requests.push(r.url()));
  await p.goto(server.url);
  await p.getByTestId("bigram-tab").click();
  await p.getByTestId("heatmap").waitFor();
  await p.close();
  const origin = new URL(server.url).origin;
  assert.ok(requests.length > 0);
  assert.deepEqual(
    requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")),
    [],
  );
});

test("the bigram tab prints the CLI's words for seed 2147483647: cexze. momasurailezitynn. …", async () => {
  const cli = bigramCli("sample", "--seed", "2147483647", "-n", "10");
  assert.equal(cli.status, 0, cli.stderr);
  await page.getByTestId("bigram-tab").click();
  await page.getByTestId("bigram-sample").click();
  const printed = await page.getByTestId("bigram-samples").textContent();
  assert.equal(printed, cli.lines.join(" "));
  assert.match(printed!, /^cexze\. momasurailezitynn\. konimittain\. /);
});

test("the bigram tab's NLL of a typed word, with smoothing, is the CLI's", async () => {
  const cli = bigramCli("nll", "--smoothing", "1", "andrejq");
  assert.equal(cli.status, 0, cli.stderr);
  await page.getByTestId("bigram-smoothing").fill("1");
  await page.getByTestId("bigram-nll-words").fill("andrejq");
  const text = await page.getByTestId("bigram-nll").textContent();
  for (const line of cli.lines.slice(1)) assert.ok(text!.includes(line), `${JSON.stringify(line)} in ${JSON.stringify(text)}`);
});

test("hovering a heatmap cell shows its count (the CLI's), P and -log P", async () => {
  const counts = bigramCli("counts", "--top", "1");
  const [, bigram, n] = counts.lines.map((l) => /^\s+(\S\S)\s+(\d+)$/.exec(l)).find((m) => m) ?? [];
  assert.ok(bigram, counts.stdout);
  await page.getByTestId("bigram-smoothing").fill("0");
  const escaped = bigram.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await page
    .locator(".heatmap .cell")
    .filter({ hasText: new RegExp(`^${escaped}\\d+$`) })
    .hover();
  assert.equal(await page.getByTestId("hover-count").textContent(), n);
  const p = Number(await page.getByTestId("hover-p").textContent());
  const nll = Number(await page.getByTestId("hover-nll").textContent());
  assert.ok(p > 0 && p < 1);
  assert.ok(Math.abs(nll + Math.log(p)) < 2e-3, `-log P: ${nll} for P ${p}`);
});

/** The CLI's one-line message for a words file, as it prints it to stderr. */
function cliMessage(file: string): string {
  const r = runCli(["-i", file, "-o", join(tempDir(), "out"), "--max-steps", "1"]);
  assert.notEqual(r.status, 0);
  return r.stderr.trim().split("\n")[0];
}

for (const [name, bytes] of [
  ["empty.txt", new Uint8Array(0)],
  ["blank-lines.txt", new TextEncoder().encode("\n  \n\n")],
  ["binary.txt", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02])],
  ["one-word.txt", new TextEncoder().encode("emma\n")],
] as const) {
  test(`bad input (${name}) shows the CLI's one-line message in the page, not a blank page`, async () => {
    const dir = tempDir();
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const expected = cliMessage(file).replace(file, name);
    await page.getByRole("tab", { name: "Playground" }).click();
    await page.getByTestId("data-panel").getByRole("button", { name: "file" }).click();
    await page.getByTestId("words-file").setInputFiles(file);
    // the previous file's message may still be up: wait for this one's, then compare it whole
    await page.getByTestId("data-error").filter({ hasText: expected }).waitFor({ timeout: 10_000 });
    assert.equal(await page.getByTestId("data-error").textContent(), expected);
    assert.ok(await page.getByTestId("train").isVisible(), "the page is still there");
  });
}

test("a bad setting in the URL shows the CLI's reason, and the page keeps working with the default", async () => {
  const r = runCli(["--n-embd", "abc"]);
  const reason = /--n-embd must be an integer, got 'abc'\./.exec(r.stderr)?.[0];
  assert.ok(reason, r.stderr);
  const { page: p } = await openPage(chromium, `${server.url}?n-embd=abc`);
  assert.equal(await p.getByTestId("url-error").textContent(), `makemore: ${reason}`);
  assert.equal(await p.getByTestId("flag-n-embd").inputValue(), "64");
  await p.close();
});

test("the memory switches (precision, activation checkpointing) come from the URL and go into the page's CLI line", async () => {
  const { page: p } = await openPage(chromium, `${server.url}?precision=bf16&activation-checkpointing`);
  assert.equal(await p.getByTestId("flag-precision").inputValue(), "bf16");
  assert.equal(await p.getByTestId("flag-activation-checkpointing").isChecked(), true);
  assert.match((await p.getByTestId("model-panel").locator(".cli").textContent()) ?? "", /--precision bf16 --activation-checkpointing$/);
  await p.getByTestId("flag-precision").selectOption("fp16");
  await p.getByTestId("flag-activation-checkpointing").uncheck();
  assert.match((await p.getByTestId("model-panel").locator(".cli").textContent()) ?? "", /--precision fp16$/);
  await p.close();
});

test("an uploaded PyTorch work dir (config.json + model.safetensors) scores a word as makemore score does", async () => {
  for (const type of ["gru", "transformer"]) {
    const dir = join(repoRoot, "test", "fixtures", "models", type);
    const cli = runCli(["score", "-o", dir, "emma"]);
    assert.equal(cli.status, 0, cli.stderr);
    const [, nll, perplexity] = /^emma\s+(\S+)\s+(\S+)$/m.exec(cli.stdout) ?? [];
    await page.getByRole("tab", { name: "Playground" }).click();
    await page.getByTestId("upload").setInputFiles([join(dir, "config.json"), join(dir, "model.safetensors")]);
    await page.getByTestId("model-source").filter({ hasText: type }).waitFor();
    await page.getByTestId("score-word").fill("emma");
    await page.getByTestId("score-button").click();
    await page.getByTestId("score-nll").filter({ hasText: nll }).waitFor({ timeout: 10_000 });
    assert.equal(await page.getByTestId("score-perplexity").textContent(), perplexity);
    assert.equal(await page.locator('[data-testid="score-output"] .ch').count(), 5, "four characters and the end");
  }
});
