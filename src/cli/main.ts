#!/usr/bin/env node
import "../backend/auto.js";
import { reportError } from "./errors.js";
import { buildProgram } from "./program.js";

// `makemore … | head` closes the pipe early: the reader has all it wanted, so exit quietly
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  process.exit(process.exitCode ?? 0);
});

buildProgram().parseAsync(process.argv).catch(reportError);
