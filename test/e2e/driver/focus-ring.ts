/**
 * The focus ring a reader sees: the focused element's computed outline, the colour behind it, whether anything
 * clips it, and the pixels it paints over.
 */
import type { AppDriver } from "./types.ts";

export interface FocusRing {
  style: string;
  width: number;
  color: string;
  /** Background colour of the nearest ancestor that paints one (what the ring is drawn against). */
  against: string;
  /** Ancestors whose overflow clips part of the ring, by class. */
  clippedBy: string[];
}

/** The outline of the focused element and what surrounds it. */
export async function focusRing(app: AppDriver): Promise<FocusRing> {
  return app.page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) throw new Error("nothing has focus");
    const style = getComputedStyle(active);
    const width = Number.parseFloat(style.outlineWidth);
    const reach = width + Number.parseFloat(style.outlineOffset);
    const box = active.getBoundingClientRect();
    const ring = {
      left: box.left - reach,
      top: box.top - reach,
      right: box.right + reach,
      bottom: box.bottom + reach,
    };
    let against = "";
    const clippedBy: string[] = [];
    for (let element = active.parentElement; element; element = element.parentElement) {
      const s = getComputedStyle(element);
      if (!against && s.backgroundColor !== "rgba(0, 0, 0, 0)") against = s.backgroundColor;
      if (s.overflowX !== "visible" || s.overflowY !== "visible") {
        const r = element.getBoundingClientRect();
        // Within a pixel: a canvas is sized in whole pixels inside a box that may not be.
        const out = (a: number, b: number) => a - b > 1;
        if (
          out(r.left, ring.left) ||
          out(r.top, ring.top) ||
          out(ring.right, r.right) ||
          out(ring.bottom, r.bottom)
        )
          clippedBy.push(element.className || element.tagName);
      }
    }
    return { style: style.outlineStyle, width, color: style.outlineColor, against, clippedBy };
  });
}

export type Rgb = [number, number, number];

export function parseRgb(css: string): Rgb {
  const parts = css.match(/[\d.]+/g)?.map(Number) ?? [];
  if (parts.length < 3) throw new Error(`not an rgb() colour: ${css}`);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

/** WCAG 2 contrast ratio of two colours. */
export function contrast(a: Rgb, b: Rgb): number {
  const luminance = ([r, g, b]: Rgb) => {
    const channel = (v: number) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The colours on screen, just inside the edge of the element matching `selector` (a band `inset` px in), at
 * `perSide` evenly spaced points on each side: read from a screenshot, so they are what the reader sees.
 */
export async function edgePixels(
  app: AppDriver,
  selector: string,
  inset: number,
  perSide = 12,
): Promise<Rgb[]> {
  const png = await app.page.locator(selector).first().screenshot();
  return app.page.evaluate(
    async ({ base64, inset, perSide }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext("2d");
      if (!context) throw new Error("no 2D context");
      context.drawImage(bitmap, 0, 0);
      const { width, height } = bitmap;
      const scale = width / document.documentElement.clientWidth > 1.5 ? 2 : 1;
      const d = Math.round(inset * scale);
      const points: [number, number][] = [];
      for (let i = 1; i <= perSide; i++) {
        const x = Math.round((i * width) / (perSide + 1));
        const y = Math.round((i * height) / (perSide + 1));
        points.push([x, d], [x, height - 1 - d], [d, y], [width - 1 - d, y]);
      }
      return points.map(([x, y]) => {
        const [r, g, b] = context.getImageData(x, y, 1, 1).data;
        return [r ?? 0, g ?? 0, b ?? 0] as [number, number, number];
      });
    },
    { base64: png.toString("base64"), inset, perSide },
  );
}
