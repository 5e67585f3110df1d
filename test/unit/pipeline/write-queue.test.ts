import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { WriteQueue } from "../../../src/pipeline/node/write-queue.ts";

const dir = mkdtempSync(join(tmpdir(), "atlas-queue-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `size` bytes that differ with `seed`, so a file written with another's bytes is caught. */
function bytes(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed * 7 + (i >> 10)) & 0xff;
  return out;
}

describe("WriteQueue", () => {
  it("writes whole files and appends through its thread, each with its own bytes, though the caller reuses its memory", () => {
    const queue = new WriteQueue();
    const appended = join(dir, "appended.geojson");
    const fd = openSync(appended, "w");
    const reused = new Uint8Array(3 << 20);
    const expectedAppend: Uint8Array[] = [];
    const expectedFiles = new Map<string, Uint8Array>();
    try {
      // 40 whole files of about 1 MB (past the 16 MB after which the thread starts), one too big for a slot (written
      // by the caller in turn), and appends to one open file in between.
      for (let i = 0; i < 42; i++) {
        const size = i === 30 ? 3 << 20 : (1 << 20) - i * 977;
        const file = bytes(size, i);
        reused.set(file);
        const path = join(dir, `shard-${i}.json`);
        queue.writeFile(path, reused.subarray(0, size));
        expectedFiles.set(path, file);
        const piece = bytes(4096 + i, 100 + i);
        reused.set(piece);
        queue.append(fd, reused.subarray(0, piece.length));
        expectedAppend.push(piece);
      }
      queue.finish();
    } finally {
      queue.abandon();
      closeSync(fd);
    }
    for (const [path, file] of expectedFiles) expect(readFileSync(path).equals(file), path).toBe(true);
    expect(readFileSync(appended).equals(Buffer.concat(expectedAppend))).toBe(true);
  });

  it("reports a file its thread cannot write, naming the reason", () => {
    const queue = new WriteQueue();
    try {
      for (let i = 0; i < 20; i++) queue.writeFile(join(dir, `ok-${i}.json`), bytes(1 << 20, i));
      queue.writeFile(join(dir, "no-such-folder", "shard-0.json"), bytes(10, 1));
      expect(() => queue.finish()).toThrow(/writing the build's files failed: .*ENOENT/);
    } finally {
      queue.abandon();
    }
  });

  it("reports a file it cannot write, naming the reason", () => {
    const queue = new WriteQueue({ thread: false });
    expect(() => queue.writeFile(join(dir, "no-such-folder", "shard-0.json"), bytes(10, 1))).toThrow(
      /ENOENT/,
    );
  });
});
