import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { buildFromDir } from "../../../src/pipeline/node/load.ts";
import { searchThread } from "../../../src/pipeline/node/search-thread.ts";
import type { StoreTableOptions } from "../../../src/pipeline/stages/store-table.ts";
import { TODAY } from "./sheets.ts";

const ROOT = join(import.meta.dirname, "../../..");

/** The table files (by name) and the GeoJSON text a build of the curated sheets writes with `search`. */
function written(search?: StoreTableOptions["search"]): { files: Map<string, string>; geojson: string } {
  const result = buildFromDir(join(ROOT, "data"), { today: TODAY });
  if (!result.output) throw new Error("the curated sheets have errors");
  const files = new Map<string, string>();
  const decoder = new TextDecoder();
  let geojson = "";
  const onFile = (name: string, bytes: Uint8Array) => files.set(name, Buffer.from(bytes).toString("base64"));
  for (const chunk of result.output.chunks({ onFile, search }))
    geojson += decoder.decode(chunk, { stream: true });
  return { files, geojson };
}

describe("the search index built on a second thread", { timeout: 30_000 }, () => {
  const here = written();

  it("writes the same table, byte for byte, as the index built on the calling thread", () => {
    // Three incidents a batch and one batch queued at a time: places and positions first met in later batches,
    // and the sender waiting for the thread.
    const warn = vi.spyOn(process, "emitWarning");
    const threaded = written(searchThread({ force: true, batchRecords: 3, maxQueued: 1 }));
    // No fallback: the thread made these files.
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(here.files.size).toBeGreaterThan(5);
    expect([...threaded.files.keys()].sort()).toEqual([...here.files.keys()].sort());
    for (const [name, bytes] of here.files) expect(threaded.files.get(name), name).toBe(bytes);
    expect(threaded.geojson).toBe(here.geojson);
  });

  it("falls back to the calling thread, with the same files, when the thread cannot run its work", () => {
    const missing = pathToFileURL(join(ROOT, "src/pipeline/node/no-such-search-work.ts")).href;
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    try {
      const broken = written(searchThread({ force: true, batchRecords: 3, workModule: missing }));
      expect(broken.files).toEqual(here.files);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/search index .* main thread .*no-such-search-work/s);
    } finally {
      warn.mockRestore();
    }
  });

  it("is not used when disabled (a broken thread module then goes unnoticed)", () => {
    const missing = pathToFileURL(join(ROOT, "src/pipeline/node/no-such-search-work.ts")).href;
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    try {
      const disabled = written(searchThread({ enabled: false, force: true, workModule: missing }));
      expect(disabled.files).toEqual(here.files);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
