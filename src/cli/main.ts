#!/usr/bin/env node
import "../backend/native/register.js"; // "native" for createBackend (Node only)
import { setThreadPlatform } from "../train/parallel/threads.js";
import { nodeThreads } from "../train/parallel/node-threads.js";
import { backendChoiceFromEnv, createBackend, useBackend } from "../backend/index.js";
import { reportError } from "./errors.js";
import { buildProgram } from "./program.js";

setThreadPlatform(nodeThreads);
// the kernels every command runs on: native where the addon was built, else the fastest wasm build,
// unless MAKEMORE_BACKEND names one
try {
  useBackend(createBackend(backendChoiceFromEnv()));
} catch (e) {
  reportError(e);
  process.exit(1);
}

// `makemore … | head` closes the pipe early: the reader has all it wanted, so exit quietly
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  process.exit(process.exitCode ?? 0);
});

buildProgram().parseAsync(process.argv).catch(reportError);
