import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { BuildOutput } from "../../../src/pipeline/index.ts";
import { writeGeojson } from "../../../src/pipeline/node/write-geojson.ts";

const dir = mkdtempSync(join(tmpdir(), "atlas-write-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Chunks of the given sizes, each filled from a counter, handed out in ONE reused buffer (as the pipeline does). */
function output(sizes: number[]): { output: BuildOutput; expected: Uint8Array } {
  const expected = new Uint8Array(sizes.reduce((a, b) => a + b, 0));
  let at = 0;
  for (let i = 0; i < expected.length; i++) expected[i] = (i * 31 + (i >> 12)) & 0xff;
  const buffer = new Uint8Array(Math.max(...sizes));
  return {
    expected,
    output: {
      *chunks() {
        for (const size of sizes) {
          buffer.set(expected.subarray(at, at + size));
          at += size;
          yield buffer.subarray(0, size);
        }
      },
      text: () => "",
    },
  };
}

describe("writeGeojson", () => {
  it("writes a big output through the writer thread byte for byte, in order, though each chunk's memory is reused", () => {
    const { output: out, expected } = output(Array.from({ length: 40 }, (_, i) => (1 << 20) - i * 977));
    const path = join(dir, "big.geojson");
    writeGeojson(path, out);
    expect(readFileSync(path).equals(expected)).toBe(true);
  });

  it("keeps the order when a chunk is too big for the writer thread's slots", () => {
    const sizes = [...Array.from({ length: 20 }, () => 1 << 20), 5 << 20, 12345, 3 << 20, 999];
    const { output: out, expected } = output(sizes);
    const path = join(dir, "oversize.geojson");
    writeGeojson(path, out);
    expect(readFileSync(path).equals(expected)).toBe(true);
  });

  it("writes a small output as is", () => {
    const { output: out, expected } = output([10, 20, 30]);
    const path = join(dir, "small.geojson");
    writeGeojson(path, out);
    expect(readFileSync(path).equals(expected)).toBe(true);
  });
});
