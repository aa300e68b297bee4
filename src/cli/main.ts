#!/usr/bin/env node
import { Command } from "commander";
import { setThreadPlatform } from "../train/parallel/threads.js";
import { nodeThreads } from "../train/parallel/node-threads.js";
import { backendChoiceFromEnv, createBackend, useBackend } from "../backend/index.js";
import { reportError } from "./errors.js";
import { configureTrainCommand } from "./train-command.js";
import { bigramCommand } from "./bigram-command.js";
import { evalCommand } from "./eval-command.js";
import { scoreCommand } from "./score-command.js";
import { benchCommand } from "./bench-command.js";
import { inspectCommand } from "./inspect-command.js";
import { lrFindCommand } from "./lr-find-command.js";
import { exportCommand } from "./export-command.js";

setThreadPlatform(nodeThreads);
// the kernels every command runs on: the fastest wasm build unless MAKEMORE_BACKEND names one
try {
  useBackend(createBackend(backendChoiceFromEnv()));
} catch (e) {
  reportError(e);
  process.exit(1);
}

const program = new Command("makemore")
  .description("Train a character-level language model on a file of words (one per line) and generate more like them.")
  .enablePositionalOptions();

configureTrainCommand(program);
program.addCommand(bigramCommand());
program.addCommand(evalCommand());
program.addCommand(scoreCommand());
program.addCommand(benchCommand());
program.addCommand(inspectCommand());
program.addCommand(lrFindCommand());
program.addCommand(exportCommand());

// parse errors of every (sub)command read like makemore's other errors: "makemore: …", exit 1
// (addCommand, unlike .command(), does not pass output settings down)
const withMakemoreErrors = (cmd: Command): void => {
  cmd.configureOutput({ outputError: (str, write) => write(str.replace(/^error: /, "makemore: ")) });
  cmd.commands.forEach(withMakemoreErrors);
};
withMakemoreErrors(program);

// `makemore … | head` closes the pipe early: the reader has all it wanted, so exit quietly
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  process.exit(process.exitCode ?? 0);
});

program.parseAsync(process.argv).catch(reportError);
