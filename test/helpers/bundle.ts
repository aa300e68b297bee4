import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./fixtures.js";

/** The compiled browser entry, as package.json's "browser" condition names it. */
export const browserEntry = join(repoRoot, "dist", "src", "browser.js");
/** Where the bundles go; the e2e suite and bench:web load the esbuild one. */
export const bundleDir = join(repoRoot, "dist", "bundle");

export type Bundler = "esbuild" | "webpack" | "vite";

/**
 * Bundles the browser entry into one ES module for browsers, with no externals and no shims:
 * whatever the entry reaches must resolve as it is. Returns the bundle's path.
 */
export async function bundleBrowserEntry(bundler: Bundler): Promise<string> {
  const outDir = join(bundleDir, bundler);
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, "makemore.js");
  if (bundler === "esbuild") await withEsbuild(outFile);
  else if (bundler === "webpack") await withWebpack(outDir);
  else await withVite(outDir);
  readFileSync(outFile); // throws if the bundler wrote nothing
  return outFile;
}

async function withEsbuild(outFile: string): Promise<void> {
  const esbuild = await import("esbuild");
  await esbuild.build({
    entryPoints: [browserEntry],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    outfile: outFile,
    logLevel: "silent",
  });
}

async function withWebpack(outDir: string): Promise<void> {
  const { default: webpack } = await import("webpack");
  const compiler = webpack({
    mode: "production",
    target: "web",
    entry: browserEntry,
    experiments: { outputModule: true },
    output: { path: outDir, filename: "makemore.js", library: { type: "module" } },
    optimization: { minimize: false },
    performance: { hints: false },
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((err, stats) => {
      compiler.close(() => {});
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    }),
  );
}

async function withVite(outDir: string): Promise<void> {
  const { build } = await import("vite");
  await build({
    configFile: false,
    logLevel: "silent",
    root: repoRoot,
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      lib: { entry: browserEntry, formats: ["es"], fileName: () => "makemore.js" },
    },
  });
}
