import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { preview } from "vite";
import type {} from "vitest";
import type { TestProject } from "vitest/node";

export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Browser tests need Debian's chromium; install it as root, otherwise fail with the command to run. */
function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Browser tests need Debian chromium at ${CHROMIUM_PATH}. Install it with: sudo apt-get install -y chromium`,
    );
  }
  console.log("Installing Debian chromium for the browser tests (apt-get install -y chromium)…");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Serves the built dist/ exactly as a static host would, on loopback. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureChromium();
  if (!existsSync("dist/index.html")) {
    throw new Error("dist/ is missing: browser tests run against the built app (npm run build).");
  }
  const server = await preview({
    preview: { host: "127.0.0.1", port: 4180, strictPort: false },
    logLevel: "warn",
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("vite preview did not report a URL");
  project.provide("baseUrl", url);
  return async () => {
    await server.close();
  };
}
