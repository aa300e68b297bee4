import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as mm from "makemore";
import { repoPath, runCli, tempDir } from "./helpers/cli.js";

// tiny models trained for 50 steps on names.txt and on another words file (places)
const SMALL = { maxSteps: 50, nLayer: 1, nHead: 2, nEmbd: 16, nEmbd2: 16 };
const files = { names: repoPath("data/names.txt"), places: repoPath("test/fixtures/bigram/places.txt") };
const svgText = (file: string): string[] =>
  [...readFileSync(file, "utf8").matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&quot;/g, '"').replace(/&amp;/g, "&"));

for (const [data, file] of Object.entries(files)) {
  for (const type of ["transformer", "mlp", "wavenet", "lstm"] as const) {
    test(`makemore inspect: ${type} trained on ${data} gets every plot it has, with axes, legends and titles`, async () => {
      const dir = tempDir();
      mm.saveModel(join(dir, "model"), await mm.trainModel(mm.readWordsFile(file), { type, ...SMALL }));
      const plots = join(dir, "plots");
      const word = data === "names" ? "emma" : "genève";
      const r = runCli(["inspect", "-i", file, "-o", join(dir, "model"), "--plots", plots, "--word", word, "--ud-steps", "5", "--batch-size", "8"]);
      assert.equal(r.status, 0, r.stderr);
      const report = JSON.parse(readFileSync(join(plots, "report.json"), "utf8"));
      const expected = [
        "activations",
        "gradients",
        "weight-gradients",
        "update-ratio",
        "embedding",
        ...(type === "transformer" ? ["attention"] : ["dead-units"]),
      ];
      for (const name of expected) {
        assert.ok(existsSync(join(plots, `${name}.svg`)) && existsSync(join(plots, `${name}.png`)), `${name}.svg/.png`);
        const png = readFileSync(join(plots, `${name}.png`));
        assert.equal(png.subarray(1, 4).toString(), "PNG");
      }
      const activations = svgText(join(plots, "activations.svg"));
      assert.ok(
        activations.some((t) => t.startsWith("activation distribution")),
        "title",
      );
      assert.ok(activations.includes("activation value") && activations.includes("density"), "axis titles");
      // one legend entry per tanh/gelu/hidden layer, each with its mean, std (and saturation)
      assert.equal(activations.filter((t) => / mean [-+]\d\.\d\d, std /.test(t)).length, report.activations.length);
      const kinds = { transformer: "gelu", mlp: "tanh", wavenet: "tanh", lstm: "hidden" }[type];
      assert.ok(
        report.activations.length >= 1 && report.activations.every((a: { kind: string }) => a.kind === kinds),
        JSON.stringify(report.activations.map((a: any) => a.name)),
      );
      if (type === "wavenet") assert.equal(report.activations.length, 3, "three Tanh layers");
      const ud = svgText(join(plots, "update-ratio.svg"));
      assert.ok(ud.includes("log10(std(lr·grad) / std(p))") && ud.includes("step"), "update-ratio axes");
      assert.match(readFileSync(join(plots, "update-ratio.svg"), "utf8"), /class="mark-rule/, "the line at -3");
      assert.equal(report.updateRatios.length, report.weights.length, "one series per weight matrix");
      const emb = svgText(join(plots, "embedding.svg"));
      assert.ok(emb.includes("."), "the start/stop token is labelled");
      if (type === "transformer") {
        assert.deepEqual(report.attention.tokens, [".", ...word]);
        assert.equal(report.attention.maps.length, SMALL.nLayer);
        assert.equal(report.attention.maps[0].length, SMALL.nHead);
        for (const row of report.attention.maps[0][0])
          assert.ok(Math.abs(row.reduce((a: number, b: number) => a + b, 0) - 1) < 1e-5, "each query's weights sum to 1");
        assert.ok(svgText(join(plots, "attention.svg")).includes("head 1"));
      }
    });
  }
}

test("makemore lr-find prints loss against learning rate and plots it", () => {
  const plots = tempDir();
  const r = runCli(["lr-find", "-i", files.places, "--type", "mlp", "--steps", "60", "--plots", plots]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /suggested learning rate: \d\.\d\de[-+]\d/);
  const rows = r.stdout.split("\n").filter((l) => /^\s+\d\.\d\de[-+]\d+\s+\d+\.\d{4}$/.test(l));
  assert.equal(rows.length, 20);
  assert.equal(Number(rows[0].trim().split(/\s+/)[0]), 1e-3);
  const text = svgText(join(plots, "lr-find.svg"));
  assert.ok(text.includes("learning rate (log scale)") && text.includes("minibatch loss"));
});

test("inspect and lr-find reject bad input with one line", () => {
  const r = runCli(["lr-find", "--type", "cnn"]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /^makemore: --type must be one of/);
  const s = runCli(["inspect", "-o", tempDir(), "--plots", tempDir()]);
  assert.notEqual(s.status, 0);
  assert.equal(s.stderr.trim().split("\n").length, 1);
  assert.match(s.stderr, /^makemore: /);
});
