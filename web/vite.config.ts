import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Cross-origin isolation: SharedArrayBuffer, so the wasm kernels can train in several threads. */
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  root: here("."),
  base: "./",
  resolve: {
    // the library's browser entry, compiled (npm run build): what a bundler gets from the package
    alias: { makemore: here("../dist/src/browser.js") },
  },
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  worker: { format: "es" },
  // the page imports data/names.txt and the compiled library from the repository root
  server: { headers: isolation, port: 5173, fs: { allow: [here("..")] } },
  preview: { headers: isolation, port: 4173 },
  build: {
    outDir: here("../dist/web"),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1500,
    // bench.html is bench:web's page: the same Worker, timed
    rollupOptions: { input: { main: here("index.html"), bench: here("bench.html") } },
  },
});
