import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SheetName } from "../../../src/core/sheet-columns.ts";
import { buildFromDir } from "../../../src/pipeline/node/load.ts";
import { TODAY } from "./sheets.ts";

/**
 * Builds sheets written to a fresh directory twice, on one thread and with the helper thread (`threads: 2`): what a
 * maintainer would see either way. `remove` deletes the directories (call it in afterAll).
 */
export function createBothWays(prefix: string) {
  const root = mkdtempSync(join(tmpdir(), prefix));
  let dirs = 0;
  return {
    bothWays(sheets: Partial<Record<SheetName, string | Uint8Array>>) {
      const dir = join(root, String(dirs++));
      mkdirSync(dir);
      for (const [file, text] of Object.entries(sheets))
        if (text !== undefined) writeFileSync(join(dir, file), text);
      const one = buildFromDir(dir, { today: TODAY, threads: 1 });
      const two = buildFromDir(dir, { today: TODAY, threads: 2 });
      return { one, two };
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
