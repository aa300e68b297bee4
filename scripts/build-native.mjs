#!/usr/bin/env node
// `npm install` (the package's install script) and `npm run build:native`: builds the native
// kernel addon (native/, by node-gyp, which ships with npm) where a C compiler exists, and never
// fails the install: without a compiler, make, Python or Node's headers, or when the build or a
// trial load fails, it prints one line and the wasm backend is used. Nothing is downloaded:
// node-gyp gets the headers of the running Node (--nodedir), never fetches them.
// MAKEMORE_NATIVE=0 skips the build.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const nativeDir = join(root, "native");
const addon = join(nativeDir, "build", "Release", "makemore_native.node");
const logFile = join(nativeDir, "build.log");

function done(line) {
  console.log(`makemore: ${line}`);
  process.exit(0);
}
/** No native backend: also removes an addon left by an earlier build, which may not match these sources. */
function skip(why) {
  rmSync(addon, { force: true });
  done(`native kernels not built (${why}): the wasm backend will be used`);
}

/** Whether `cmd args` runs and exits 0 (quietly, with a short timeout). */
function runs(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "ignore", timeout: 20_000 });
  return r.status === 0;
}

/** The first of `names` that runs, each found as the shell finds it (its first match on PATH), or null. */
function onPath(names) {
  const dirs = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  for (const name of names) {
    const dir = dirs.find((d) => existsSync(join(d, name)));
    if (dir && runs(join(dir, name), ["--version"])) return join(dir, name);
  }
  return null;
}

/** The C compiler: $CC if set (a CC that does not run means no compiler), else cc, gcc or clang on PATH. */
function findCompiler() {
  const cc = process.env.CC;
  if (cc !== undefined && cc !== "") return runs(cc, ["--version"]) ? cc : null;
  return onPath(["cc", "gcc", "clang"]);
}

/** node-gyp: the one npm passes to scripts, else the one inside the npm that runs us. */
function findNodeGyp() {
  const candidates = [process.env.npm_config_node_gyp];
  if (process.env.npm_execpath) candidates.push(join(dirname(process.env.npm_execpath), "..", "node_modules", "node-gyp", "bin", "node-gyp.js"));
  candidates.push(join(dirname(process.execPath), "..", "lib", "node_modules", "npm", "node_modules", "node-gyp", "bin", "node-gyp.js"));
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

/** A directory with Node's headers (include/node/node_api.h), so node-gyp needs no download. */
function findNodeDir() {
  const candidates = [process.env.npm_config_nodedir, resolve(process.execPath, "..", "..")];
  return candidates.find((d) => d && existsSync(join(d, "include", "node", "node_api.h"))) ?? null;
}

if (process.env.MAKEMORE_NATIVE === "0") skip("MAKEMORE_NATIVE=0");
if (process.platform === "win32") skip("Windows: the kernels use GCC/clang function attributes");
if (!["x64", "arm64"].includes(process.arch)) skip(`no kernels for ${process.arch}`);
const cc = findCompiler();
if (!cc) skip(process.env.CC ? `the C compiler CC=${process.env.CC} does not run` : "no C compiler found");
if (!onPath(["make", "gmake"])) skip("make not found");
const python = process.env.PYTHON || onPath(["python3", "python"]);
if (!python) skip("Python 3 not found (node-gyp needs it)");
const nodeGyp = findNodeGyp();
if (!nodeGyp) skip("node-gyp not found (it ships with npm)");
const nodedir = findNodeDir();
if (!nodedir) skip("Node's headers are not installed (node-gyp would download them)");

// a C-only addon: compile and link with the C compiler (gyp links with $CXX by default)
const env = { ...process.env, CC: cc, LINK: cc, CXX: cc, PYTHON: python, npm_config_nodedir: nodedir };
const build = spawnSync(process.execPath, [nodeGyp, "rebuild", `--directory=${nativeDir}`, `--nodedir=${nodedir}`, `--python=${python}`, "--jobs=2"], {
  cwd: nativeDir,
  env,
  encoding: "utf8",
  timeout: 10 * 60_000,
});
writeFileSync(logFile, `${build.stdout ?? ""}${build.stderr ?? ""}${build.error ? String(build.error) : ""}\n`);
if (build.status !== 0 || !existsSync(addon)) skip("the build failed, see native/build.log");

// load it once in a child, so an addon that cannot load here (or crashes) is never picked up
const trial = spawnSync(process.execPath, ["-e", `console.log(require(${JSON.stringify(addon)}).isa())`], { encoding: "utf8", timeout: 60_000 });
if (trial.status !== 0) skip("the built addon does not load here");
done(`native kernels built (${trial.stdout.trim()}): the native backend will be used`);
