import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Each floor's import rule (biome.json, noRestrictedImports) proved on a probe file that breaks it: the rule
// exists, covers that folder and fires. Probes that follow the rules must pass, so a failure is the rule's.
const ROOT = join(import.meta.dirname, "../..");

interface Probe {
  folder: string;
  from: string;
  why: string;
}

const FORBIDDEN: Probe[] = [
  { folder: "src/core", from: "node:fs", why: "core/ is pure: no Node I/O" },
  { folder: "src/core", from: "preact", why: "core/ knows no UI framework" },
  { folder: "src/pipeline", from: "maplibre-gl", why: "pipeline/ knows no map library" },
  { folder: "src/pipeline", from: "../ui/App.tsx", why: "dependencies point inward" },
  { folder: "src/ui", from: "maplibre-gl", why: "components know Preact, not MapLibre" },
  { folder: "src/ui/filters", from: "../../map/create-map.ts", why: "components know Preact, not MapLibre" },
  {
    folder: "src/ui/filters",
    from: "maplibre-gl/dist/maplibre-gl.css",
    why: "components know Preact, not MapLibre",
  },
  { folder: "src/ui/share", from: "../../map/export-image.ts", why: "components know Preact, not MapLibre" },
  { folder: "src/map", from: "preact", why: "map code knows MapLibre, not Preact" },
  { folder: "src/map", from: "../ui/App.tsx", why: "map code knows MapLibre, not Preact" },
  { folder: "src/state", from: "preact", why: "state/ holds no components" },
  { folder: "src/state", from: "../ui/App.tsx", why: "state/ holds no components" },
  { folder: "src/state", from: "../map/create-map.ts", why: "state/ knows no map" },
  { folder: "src/state", from: "maplibre-gl", why: "state/ knows no map" },
  { folder: "test/e2e", from: "playwright-core", why: "specs reach the page through the driver only" },
];

const ALLOWED: Probe[] = [
  { folder: "src/core", from: "./format.ts", why: "core/ imports itself" },
  { folder: "src/ui/filters", from: "../../core/format.ts", why: "everything may import core/" },
  { folder: "src/ui/share", from: "../../core/format.ts", why: "everything may import core/" },
  { folder: "src/map", from: "../core/format.ts", why: "everything may import core/" },
  { folder: "src/state", from: "../core/format.ts", why: "everything may import core/" },
  { folder: "test/e2e/driver", from: "playwright-core", why: "the driver is what drives the browser" },
];

const fileOf = (probe: Probe) =>
  join(ROOT, probe.folder, `__lint-probe-${process.pid}-${[...FORBIDDEN, ...ALLOWED].indexOf(probe)}.ts`);
/** Rules broken, by probe file (relative to the root, as Biome reports it). */
const broken = new Map<string, string[]>();

beforeAll(() => {
  const probes = [...FORBIDDEN, ...ALLOWED];
  for (const probe of probes) {
    writeFileSync(fileOf(probe), `import * as probed from "${probe.from}";\n\nexport const used = probed;\n`);
  }
  // One run for all probes: Biome's start-up is most of a run.
  const run = spawnSync(
    join(ROOT, "node_modules/.bin/biome"),
    ["lint", "--reporter=json", ...probes.map(fileOf)],
    { cwd: ROOT, encoding: "utf8" },
  );
  for (const probe of probes) rmSync(fileOf(probe), { force: true });
  const report = JSON.parse(run.stdout) as {
    diagnostics: { category?: string; location?: { path?: string } }[];
  };
  for (const d of report.diagnostics) {
    const path = d.location?.path ?? "";
    broken.set(path, [...(broken.get(path) ?? []), d.category ?? ""]);
  }
}, 60_000);

afterAll(() => {
  for (const probe of [...FORBIDDEN, ...ALLOWED]) rmSync(fileOf(probe), { force: true });
});

const rulesBrokenBy = (probe: Probe) => broken.get(relative(ROOT, fileOf(probe))) ?? [];

describe("the import rules of each floor", () => {
  it.each(FORBIDDEN)("refuses $from in $folder ($why)", (probe) => {
    expect(rulesBrokenBy(probe)).toContain("lint/style/noRestrictedImports");
  });

  it.each(ALLOWED)("lets $folder import $from ($why)", (probe) => {
    expect(rulesBrokenBy(probe)).toEqual([]);
  });
});
