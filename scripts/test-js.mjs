// `npm run test:js`: the suite again on the TypeScript reference kernels (MAKEMORE_BACKEND=js,
// the fallback where WebAssembly SIMD is missing), minus the files whose subject never reaches
// a kernel: bundling, flag parsing, fuzzed readers and plot rendering run the same code on
// either backend, and the full run already covers them.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const KERNEL_FREE = [/^bundle\./, /^browser-entry\./, /^fuzz-/, /^cli-errors\./, /^inspect-cli\./, /^config-file\./, /^sample-options\./];
const dir = new URL("../dist/test/", import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith(".test.js") && !KERNEL_FREE.some((re) => re.test(f))).map((f) => join(dir, f));
const r = spawnSync(process.execPath, ["--test", "--test-concurrency=2", ...files], { stdio: "inherit", env: { ...process.env, MAKEMORE_BACKEND: "js" } });
process.exit(r.status ?? 1);
