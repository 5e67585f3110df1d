/** Facts about a PNG the app exported: its size, and what it shows (read by drawing it in the page). */

import type { Frame } from "playwright-core";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The PNG's pixel size from its IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (bytes.subarray(12, 16).toString("latin1") !== "IHDR") return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export interface ImageFacts {
  /** Rows of the image's first column drawn in the map's frame rule (#d0d0d0), first and count. */
  ruleTop: number;
  ruleRows: number;
  /** Distinct colours inside the map's frame, and the share of the most common one. */
  mapColours: number;
  mapTopShare: number;
  /** Dark (text) pixels above the map and below it. */
  darkAbove: number;
  darkBelow: number;
}

/** Decodes the PNG in the browser (no request: an in-memory bitmap) and measures what it shows. */
export async function imageFacts(frame: Frame, png: Buffer): Promise<ImageFacts> {
  return frame.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2D canvas");
    context.drawImage(bitmap, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    const at = (x: number, y: number) => (y * width + x) * 4;
    // The frame rule is drawn over the map's left edge: it spans exactly the map's rows.
    let ruleTop = -1;
    let ruleRows = 0;
    for (let y = 0; y < height; y++) {
      const i = at(0, y);
      const grey =
        Math.abs((data[i] ?? 0) - 208) <= 8 &&
        Math.abs((data[i + 1] ?? 0) - 208) <= 8 &&
        Math.abs((data[i + 2] ?? 0) - 208) <= 8;
      if (grey) {
        if (ruleTop < 0) ruleTop = y;
        ruleRows++;
      }
    }
    const counts = new Map<number, number>();
    let mapPixels = 0;
    let darkAbove = 0;
    let darkBelow = 0;
    for (let y = 0; y < height; y++) {
      const inMap = y >= ruleTop && y < ruleTop + ruleRows;
      for (let x = 0; x < width; x++) {
        const i = at(x, y);
        const r = data[i] ?? 0;
        const g = data[i + 1] ?? 0;
        const b = data[i + 2] ?? 0;
        if (inMap && x > 4 && x < width - 4) {
          const key = (r << 16) | (g << 8) | b;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          mapPixels++;
        } else if (!inMap && r + g + b < 3 * 90) {
          if (y < ruleTop) darkAbove++;
          else darkBelow++;
        }
      }
    }
    const top = Math.max(0, ...counts.values());
    return {
      ruleTop,
      ruleRows,
      mapColours: counts.size,
      mapTopShare: mapPixels === 0 ? 1 : top / mapPixels,
      darkAbove,
      darkBelow,
    };
  }, png.toString("base64"));
}

/** The longest horizontal run of dark pixels in the lower start corner (300 × 80 px) of a map ending at row `mapBottom`. */
export async function longestDarkRun(frame: Frame, png: Buffer, mapBottom: number): Promise<number> {
  return frame.evaluate(
    async ([base64, bottom]) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext("2d");
      if (!context) throw new Error("no 2D canvas");
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, bottom - 80, 300, 80);
      let longest = 0;
      for (let y = 0; y < 80; y++) {
        let run = 0;
        for (let x = 0; x < 300; x++) {
          const i = (y * 300 + x) * 4;
          const dark = (data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0) < 3 * 90;
          run = dark ? run + 1 : 0;
          longest = Math.max(longest, run);
        }
      }
      return longest;
    },
    [png.toString("base64"), mapBottom] as const,
  );
}

/** What the browser's own decoder makes of an exported image (see get.ts). */
export function imageQuestions(frame: Frame) {
  return {
    imageFacts: (png: Buffer) => imageFacts(frame, png),
    /** The longest horizontal run of dark pixels in the lower start corner of a map ending at row `mapBottom`. */
    longestDarkRun: (png: Buffer, mapBottom: number) => longestDarkRun(frame, png, mapBottom),
  };
}
