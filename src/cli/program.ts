import { Command } from "commander";
import { configureTrainCommand } from "./train-command.js";
import { bigramCommand } from "./bigram-command.js";
import { evalCommand } from "./eval-command.js";
import { scoreCommand } from "./score-command.js";
import { benchCommand } from "./bench-command.js";
import { inspectCommand } from "./inspect-command.js";
import { lrFindCommand } from "./lr-find-command.js";
import { sweepCommand } from "./sweep-command.js";
import { workerCommand } from "./worker-command.js";
import { exportCommand } from "./export-command.js";

/**
 * The whole command line, built but not run: main.ts parses process.argv with it, and the
 * flag-parsing tests parse in-process (commander's exitOverride and a preAction hook), which
 * checks the same parsers and messages without starting a process per case.
 */
export function buildProgram(): Command {
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
  program.addCommand(sweepCommand());
  program.addCommand(workerCommand());
  program.addCommand(exportCommand());
  // parse errors of every (sub)command read like makemore's other errors: one "makemore: …"
  // line, exit 1; commander's "(Did you mean --help?)" joins that line instead of a second one
  // (addCommand, unlike .command(), does not pass output settings down)
  const oneLine = (str: string): string => str.replace(/^error: /, "makemore: ").replace(/\n(?!$)/g, " ");
  const withMakemoreErrors = (cmd: Command): void => {
    cmd.configureOutput({ outputError: (str, write) => write(oneLine(str)) });
    cmd.commands.forEach(withMakemoreErrors);
  };
  withMakemoreErrors(program);
  return program;
}
