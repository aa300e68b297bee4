/**
 * The backend object: createBackend picks one by name, useBackend installs its kernels and its
 * allocators together, and the package entries choose from MAKEMORE_BACKEND.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as mm from "makemore";
import { createBackend, jsBackend, registerNativeBackend, wasmBuildsSupported, type WasmBackend } from "../src/backend/index.js";
import { loadNativeBackend, nativeUnavailableReason } from "../src/backend/native/index.js";
import { regionAllocator, scratch } from "../src/backend/scratch.js";
import { withAllocator } from "../src/tensor/storage.js";
import { repoRoot } from "./helpers/fixtures.js";
import { CLI } from "./helpers/cli.js";

const builds = wasmBuildsSupported();
const wasm = builds.length ? (createBackend("wasm") as WasmBackend) : null;
/** The native backend where the addon is built (npm install builds it where a C compiler exists). */
const native = loadNativeBackend();
const autoName = native ? "native" : builds.length ? `wasm-${builds[0]}` : "js";
const CHOICES = "auto, native, wasm, js, wasm-simd, wasm-relaxed";

/** Runs node with `args` in a fresh process whose MAKEMORE_BACKEND is `value`. */
function withEnv(value: string, args: string[]) {
  return spawnSync(process.execPath, args, { cwd: repoRoot, encoding: "utf8", env: { ...process.env, MAKEMORE_BACKEND: value, MAKEMORE_DEBUG: "" } });
}
const printBackend = ["--input-type=module", "-e", `import * as mm from "makemore"; console.log(mm.backendName());`];

describe("backend", () => {
  test("createBackend: auto is native where built, else the best wasm build; names are exact, js is the one reference object", () => {
    assert.equal(createBackend("js"), jsBackend);
    assert.equal(createBackend("auto").name, autoName);
    if (builds.length) assert.equal(createBackend("wasm").name, `wasm-${builds[0]}`, "wasm: the best wasm build");
    if (native) assert.equal(createBackend("native"), native, "the same object again");
    for (const b of builds) {
      const named = createBackend(`wasm-${b}`);
      assert.equal(named.name, `wasm-${b}`);
      assert.equal(createBackend(`wasm-${b}`), named, "the same object again");
    }
  });

  test("an unknown backend name is a one-line error", () => {
    assert.throws(() => createBackend("cuda" as never), new RegExp(`^Error: unknown kernel backend 'cuda' \\(expected ${CHOICES}\\)$`));
  });

  test("native where the addon is missing is a one-line error naming the reason", () => {
    const real = { load: loadNativeBackend, unavailableReason: nativeUnavailableReason };
    try {
      registerNativeBackend({ load: () => null, unavailableReason: () => "the native addon is not built (npm rebuild retries)" });
      assert.throws(
        () => createBackend("native"),
        /^Error: kernel backend 'native' is not available here: the native addon is not built \(npm rebuild retries\)$/,
      );
      assert.equal(createBackend("auto").name, builds.length ? `wasm-${builds[0]}` : "js", "auto falls back quietly");
    } finally {
      registerNativeBackend(real);
    }
  });

  test("the native backend shares the wasm backend's memory and allocators", { skip: !native && "the native addon is not built" }, () => {
    assert.equal(native!.memory, wasm!.memory);
    assert.equal(native!.persistent, wasm!.persistent);
    assert.equal(native!.scratch, wasm!.scratch);
    assert.match(native!.isa, /^(avx512|avx2|neon|generic)$/);
  });

  test("useBackend installs the kernels and where scratch and regions allocate", { skip: !wasm }, () => {
    const prev = mm.activeBackend();
    try {
      mm.useBackend(wasm!);
      assert.equal(mm.kernels, wasm!.kernels, "the live binding follows");
      assert.equal(mm.backendName(), wasm!.name);
      assert.ok(
        scratch(() => wasm!.owns(mm.tensor([1, 2, 3]).storage)),
        "scratch tensors in wasm memory",
      );
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
    for (const name of ["js", ...builds.map((b) => `wasm-${b}`), ...(native ? ["native"] : [])]) {
      const r = withEnv(name, printBackend);
      assert.equal(r.stdout.trim(), name, r.stderr);
    }
    assert.equal(withEnv("auto", printBackend).stdout.trim(), autoName);
    if (builds.length) assert.equal(withEnv("wasm", printBackend).stdout.trim(), `wasm-${builds[0]}`);
  });

  test("a bad MAKEMORE_BACKEND is one line from the CLI", () => {
    const r = withEnv("cuda", [CLI, "--help"]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `makemore: MAKEMORE_BACKEND must be one of ${CHOICES}, not 'cuda'\n`);
  });
});
