/**
 * The backend object: createBackend picks one by name, useBackend installs its kernels and its
 * allocators together, and the package entries choose from MAKEMORE_BACKEND.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as mm from "makemore";
import { createBackend, jsBackend, wasmBuildsSupported, type WasmBackend } from "../src/backend/index.js";
import { regionAllocator, scratch } from "../src/backend/scratch.js";
import { withAllocator } from "../src/tensor/storage.js";
import { repoRoot } from "./helpers/fixtures.js";
import { CLI } from "./helpers/cli.js";

const builds = wasmBuildsSupported();
const wasm = builds.length ? (createBackend("auto") as WasmBackend) : null;

/** Runs node with `args` in a fresh process whose MAKEMORE_BACKEND is `value`. */
function withEnv(value: string, args: string[]) {
  return spawnSync(process.execPath, args, { cwd: repoRoot, encoding: "utf8", env: { ...process.env, MAKEMORE_BACKEND: value, MAKEMORE_DEBUG: "" } });
}
const printBackend = ["--input-type=module", "-e", `import * as mm from "makemore"; console.log(mm.backendName());`];

describe("backend", () => {
  test("createBackend: auto is the best wasm build, names are exact, js is the one reference object", () => {
    assert.equal(createBackend("js"), jsBackend);
    assert.equal(createBackend("auto").name, builds.length ? `wasm-${builds[0]}` : "js");
    for (const b of builds) {
      const named = createBackend(`wasm-${b}`);
      assert.equal(named.name, `wasm-${b}`);
      assert.equal(createBackend(`wasm-${b}`), named, "the same object again");
    }
  });

  test("an unknown backend name is a one-line error", () => {
    assert.throws(() => createBackend("cuda" as never), /^Error: unknown kernel backend 'cuda' \(expected auto, js, wasm-simd, wasm-relaxed\)$/);
  });

  test("useBackend installs the kernels and where scratch and regions allocate", { skip: !wasm }, () => {
    const prev = mm.activeBackend();
    try {
      mm.useBackend(wasm!);
      assert.equal(mm.kernels, wasm!.kernels, "the live binding follows");
      assert.equal(mm.backendName(), wasm!.name);
      assert.ok(scratch(() => wasm!.owns(mm.tensor([1, 2, 3]).storage)), "scratch tensors in wasm memory");
      const region = regionAllocator();
      assert.ok(wasm!.owns(withAllocator(region, () => mm.tensor([1, 2])).storage), "region tensors in wasm memory");
      region.release();

      mm.useBackend(jsBackend);
      assert.equal(mm.kernels, mm.jsKernels);
      assert.equal(mm.backendName(), "js");
      assert.ok(!scratch(() => wasm!.owns(mm.tensor([1, 2, 3]).storage)), "scratch tensors on the JS heap");
    } finally {
      mm.useBackend(prev);
    }
  });

  test("MAKEMORE_BACKEND chooses the package's backend", () => {
    for (const name of ["js", ...builds.map((b) => `wasm-${b}`)]) {
      const r = withEnv(name, printBackend);
      assert.equal(r.stdout.trim(), name, r.stderr);
    }
    assert.equal(withEnv("auto", printBackend).stdout.trim(), builds.length ? `wasm-${builds[0]}` : "js");
  });

  test("a bad MAKEMORE_BACKEND is one line from the CLI", () => {
    const r = withEnv("cuda", [CLI, "--help"]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, "makemore: MAKEMORE_BACKEND must be one of auto, js, wasm-simd, wasm-relaxed, not 'cuda'\n");
  });
});
