import { defineConfig } from "vitest/config";
import { CSP_META } from "./src/core/content-security-policy.ts";
import { incidentDataPlugin } from "./src/pipeline/node/vite-plugin.ts";

// Relative base: the built dist/ works from any sub-path (/maps/syria/) on any static host.
export default defineConfig({
  base: "./",
  plugins: [
    incidentDataPlugin(),
    // The built page only: the dev server injects inline styles and scripts of its own (hot reload).
    {
      name: "content-security-policy",
      apply: "build",
      transformIndexHtml: () => [
        {
          tag: "meta",
          attrs: { "http-equiv": "Content-Security-Policy", content: CSP_META },
          injectTo: "head-prepend",
        },
      ],
    },
  ],
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  worker: { format: "es" },
  server: { host: "127.0.0.1", port: 5173 },
  preview: { host: "127.0.0.1", port: 4173 },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Two pages: the map, and "Check a sheet" for maintainers (check.html, src/check/).
      input: { main: "index.html", check: "check.html" },
      output: {
        // MapLibre in a chunk of its own: it changes far less often than the app (browsers keep it cached across
        // our releases), and the browser bench can tell MapLibre's main-thread time from the app's by file.
        codeSplitting: { groups: [{ name: "maplibre", test: /node_modules[\\/]maplibre-gl[\\/]/ }] },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
          // Property tests build dozens of generated sheets: seconds on a busy 2-core machine, not a time limit.
          testTimeout: 60_000,
          // Pinned to a negative UTC offset so any date-only value parsed as UTC midnight shows as the wrong day.
          env: { TZ: "America/Los_Angeles" },
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/e2e/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
