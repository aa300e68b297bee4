import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { repoRoot } from "../helpers/fixtures.js";
import { freePort } from "../helpers/free-port.js";

/** Debian's chromium (apt-get install -y chromium); Playwright's own browser download does not work here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags for Chromium as root on a machine without a network: no sandbox, GPU or background traffic. */
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Server {
  url: string;
  close(): Promise<void>;
}

/** `npm run web:preview -- --port N`: the static build, with the COOP/COEP headers. */
export async function startPreview(): Promise<Server> {
  const port = await freePort();
  const child = spawn("npm", ["run", "web:preview", "--", "--port", String(port), "--strictPort", "--host", "127.0.0.1"], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}/`;
  await waitForServer(url, child);
  return { url, close: () => stopProcess(child) };
}

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stopProcess(child);
  throw new Error(`the server did not answer at ${url} within 30 s:\n${output}`);
}

/** Ends the server and its children (npm starts vite as a child): the whole process group. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
}

export interface Chromium {
  context: BrowserContext;
  /** downloads land here */
  downloads: string;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile (so IndexedDB starts empty). */
export async function launchChromium(): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), "makemore-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    acceptDownloads: true,
    viewport: { width: 1400, height: 1000 },
  });
  return {
    context,
    downloads: profile,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new page that fails the test on an uncaught page error, and keeps the console for messages. */
export async function openPage(c: Chromium, url: string): Promise<{ page: Page; logs: string[] }> {
  const page = await c.context.newPage();
  const logs: string[] = [];
  page.on("console", (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => logs.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { page, logs };
}

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

/**
 * A static host for `root` (default: the playground's build): plain (no COOP/COEP headers, so
 * the page is not cross-origin isolated), or with them when `isolated`.
 */
export async function startPlainServer(opts: { root?: string; isolated?: boolean } = {}): Promise<Server> {
  const { createServer: createHttpServer } = await import("node:http");
  const { readFile } = await import("node:fs/promises");
  const { extname, normalize } = await import("node:path");
  const root = opts.root ?? join(repoRoot, "dist", "web");
  const headers = opts.isolated ? { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" } : {};
  const server = createHttpServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    try {
      const body = await readFile(join(root, path.endsWith("/") ? `${path}index.html` : path));
      res.writeHead(200, { ...headers, "Content-Type": TYPES[extname(path) || ".html"] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end("not found");
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
