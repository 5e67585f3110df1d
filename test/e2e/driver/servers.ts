/** Local HTTP servers for the tests: an article on another origin, a static copy of the build under a sub-path. */

import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

export interface LocalServer {
  /** Base URL, ending in "/". */
  url: string;
  /** Every request: path and the status it got. */
  log: { path: string; status: number }[];
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}/`;
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/**
 * An article on another origin (another port of 127.0.0.1): serves `html` at "/" and nothing else.
 * The page declares an inline icon, so the browser does not ask this host for /favicon.ico either.
 */
export async function serveArticle(body: string): Promise<LocalServer> {
  const log: LocalServer["log"] = [];
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>An article</title></head><body style="margin:0;font:16px sans-serif">${body}</body></html>`;
  const server = createServer((request, response) => {
    const path = request.url ?? "/";
    const status = path === "/" ? 200 : 404;
    log.push({ path, status });
    response.writeHead(status, { "content-type": "text/html; charset=utf-8" });
    response.end(status === 200 ? html : "not found");
  });
  const url = await listen(server);
  return { url, log, close: closer(server) };
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".geojson": "application/geo+json",
  ".woff2": "font/woff2",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * A plain static file server for `root`, as a basic host would be: folders answer with their index.html. `headers`
 * go with every answer (a Content-Security-Policy, say).
 */
export async function serveStatic(root: string, headers: Record<string, string> = {}): Promise<LocalServer> {
  const log: LocalServer["log"] = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root) + sep) && file !== normalize(root)) file = "";
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file || !existsSync(file)) {
      log.push({ path, status: 404 });
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
      return;
    }
    log.push({ path, status: 200 });
    response.writeHead(200, {
      "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
      ...headers,
    });
    createReadStream(file).pipe(response);
  });
  const url = await listen(server);
  return { url, log, close: closer(server) };
}
