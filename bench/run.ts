// `npm run bench`: the same benchmark as `makemore bench`, with its flags passed through.
import { spawnSync } from "node:child_process";
import { cliPath } from "../src/bench/paths.js";

const r = spawnSync(process.execPath, [cliPath(), "bench", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(r.status ?? 1);
