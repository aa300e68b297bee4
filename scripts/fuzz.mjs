// `npm run fuzz [-- --minutes 10]`: the fuzz properties of `npm test` (test/fuzz-*.test.ts), each
// run for its share of the time budget instead of its CI count, one file after another (the
// machine is shared). Prints every property's case count and exits non-zero on any failure;
// a failure's seed replays with FUZZ_SEED=… FUZZ_RUNS=… node --test dist/test/fuzz-….test.js.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const minutes = arg("minutes", Number(process.env.FUZZ_MINUTES ?? 10));
const testDir = join(root, "dist", "test");
const files = readdirSync(testDir)
  .filter((f) => /^fuzz-.*\.test\.js$/.test(f))
  .map((f) => join(testDir, f));
// each fuzzProperty( call in a file is one property (the helper's own definition is elsewhere)
const properties = files.reduce((n, f) => n + (readFileSync(f, "utf8").match(/fuzzProperty\(/g) ?? []).length, 0);
if (!properties) throw new Error("no fuzz properties found: run `npx tsc -p .` first");
const msPerProperty = Math.floor((minutes * 60_000) / properties);
const report = join(tmpdir(), `makemore-fuzz-${process.pid}.jsonl`);
console.log(`fuzz: ${properties} properties in ${files.length} files, ${(msPerProperty / 1000).toFixed(0)} s each (${minutes} min)`);

let failedFiles = 0;
for (const file of files) {
  const r = spawnSync(process.execPath, ["--test", file], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    env: { ...process.env, FUZZ_MS_PER_PROPERTY: String(msPerProperty), FUZZ_REPORT: report },
  });
  if (r.status !== 0) {
    failedFiles++;
    process.stdout.write(r.stdout);
  }
}
const rows = existsSync(report)
  ? readFileSync(report, "utf8")
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : [];
rmSync(report, { force: true });
let cases = 0;
let failures = 0;
for (const row of rows) {
  cases += row.cases;
  if (row.failed) failures++;
  console.log(`${String(row.cases).padStart(10)}  ${row.failed ? "FAILED" : "ok    "}  ${row.name}${row.failed ? ` (seed ${row.seed})` : ""}`);
}
console.log(`fuzz: ${cases} cases, ${failures} failing properties, ${failedFiles} failing files`);
process.exitCode = failures || failedFiles || rows.length !== properties ? 1 : 0;
