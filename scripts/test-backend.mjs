// `npm run test:js` / `npm run test:native`: the suite again on another backend (js: the
// TypeScript reference kernels, the fallback where WebAssembly SIMD is missing; native: the C
// kernels), minus the files whose subject never reaches a kernel: bundling, flag parsing, fuzzed
// readers and plot rendering run the same code on any backend, and `npm test` already covers them.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const KERNEL_FREE = [/^bundle\./, /^browser-entry\./, /^fuzz-/, /^cli-errors\./, /^inspect-cli\./, /^config-file\./, /^sample-options\./];
const dir = new URL("../dist/test/", import.meta.url).pathname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".test.js") && !KERNEL_FREE.some((re) => re.test(f)))
  .map((f) => join(dir, f));
const backend = process.argv[2];
if (backend !== "js" && backend !== "native") {
  console.error("usage: node scripts/test-backend.mjs js|native");
  process.exit(2);
}
const r = spawnSync(process.execPath, ["--test", "--test-concurrency=2", ...files], { stdio: "inherit", env: { ...process.env, MAKEMORE_BACKEND: backend } });
process.exit(r.status ?? 1);
