// `npm run sz`: lines of TypeScript per folder, and the files over their budget (a model file
// about 150 lines, the training session about 250, the Tensor class 520; anything else 300). CI fails on any.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
// The Tensor class mirrors torch.Tensor: about 130 methods that each hand their arguments to an op,
// which the formatter writes in three lines apiece; it gets the room of the table it is.
const budget = (file) => (file.includes("src/models/") ? 150 : file.endsWith("src/train/session.ts") ? 250 : file.endsWith("src/tensor/tensor.ts") ? 520 : 300);
const perFolder = new Map();
const over = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.tsx?$/.test(name) && !name.endsWith(".d.ts") && !p.includes("/generated/")) {
      const lines = readFileSync(p, "utf8").split("\n").length;
      const folder = relative(root, dir);
      perFolder.set(folder, (perFolder.get(folder) ?? 0) + lines);
      const rel = relative(root, p);
      if (lines > budget(rel) && !rel.endsWith("glyphs.ts")) over.push(`${rel}: ${lines} lines (budget ${budget(rel)})`);
    }
  }
};
for (const top of ["src", "asm", "test", "bench", "web/src", "examples"]) walk(join(root, top));
for (const [folder, lines] of [...perFolder].sort()) console.log(`${String(lines).padStart(6)}  ${folder}`);
console.log(over.length ? `\nover budget:\n  ${over.join("\n  ")}` : "\nevery file within its budget");
// CI runs this: a file over its budget fails the build
if (over.length) process.exitCode = 1;
