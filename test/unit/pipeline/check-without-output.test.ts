import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildFromDir } from "../../../src/pipeline/node/load.ts";
import { caseBytes, caseNames, TODAY } from "./sheets.ts";

const root = mkdtempSync(join(tmpdir(), "atlas-check-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("a check that makes no output (data:check, data:import's check)", { timeout: 180_000 }, () => {
  it("finds every fixture's messages and counts, on one thread and two, and makes no output", () => {
    for (const [n, name] of caseNames().entries()) {
      const dir = join(root, String(n));
      mkdirSync(dir);
      for (const [file, bytes] of Object.entries(caseBytes(name))) writeFileSync(join(dir, file), bytes);
      const built = buildFromDir(dir, { today: TODAY, threads: 1 });
      for (const threads of [1, 2] as const) {
        const checked = buildFromDir(dir, { today: TODAY, threads, makeOutput: false });
        expect(checked.errors, name).toEqual(built.errors);
        expect(checked.warnings, name).toEqual(built.warnings);
        expect(checked.counts, name).toEqual(built.counts);
        expect(checked.output, name).toBeNull();
      }
    }
  });
});
