/**
 * What the browser tests ask of the basemap's labels, through the app's test hook `window.__atlasMap` (page-map.ts).
 *
 * `labelPixels` isolates one place label the way a reader sees it: every other layer hidden (public MapLibre
 * API: setLayoutProperty, setFilter), the label's text set to the same string in any UI language, the camera
 * on the place; then the map canvas's pixels around it.
 */
import type { AppDriver } from "./types.ts";

/** The basemap's label layer for ranks 1–2 (src/map/basemap-style.ts); duplicated so the tests need no app import. */
const PLACE_LAYER = "place-labels-major";

type MapHook = {
  getStyle(): { layers: { id: string; type: string }[] };
  setLayoutProperty(layer: string, name: string, value: unknown): void;
  setFilter(layer: string, filter: unknown): void;
  jumpTo(options: { center: [number, number]; zoom: number }): void;
  project(lngLat: [number, number]): { x: number; y: number };
  getCanvas(): HTMLCanvasElement;
  panBy(offset: [number, number], options: { animate: boolean }): void;
  once(event: string, listener: () => void): void;
  triggerRepaint(): void;
};
type WithMap = { __atlasMap?: MapHook };

export interface LabelPixels {
  width: number;
  height: number;
  /** RGBA, row by row. */
  rgba: number[];
}

/** Shows only the place whose English name is `nameEn`, labelled with that name, at `center`, and reads its pixels. */
export async function labelPixels(
  app: AppDriver,
  nameEn: string,
  center: [number, number],
  zoom = 7,
): Promise<LabelPixels> {
  await app.page.evaluate(
    ({ layer, nameEn, center, zoom }) => {
      const map = (window as unknown as WithMap).__atlasMap;
      if (!map) throw new Error("no map");
      for (const { id, type } of map.getStyle().layers)
        if (id !== layer && type !== "background") map.setLayoutProperty(id, "visibility", "none");
      map.setFilter(layer, ["==", ["get", "name_en"], nameEn]);
      map.setLayoutProperty(layer, "text-field", ["get", "name_en"]);
      map.jumpTo({ center, zoom });
      // The map's size differs between the languages' layouts: put the place on a whole pixel in both, so the
      // label is rasterised at the same sub-pixel offset.
      const p = map.project(center);
      map.panBy([p.x - Math.round(p.x), p.y - Math.round(p.y)], { animate: false });
    },
    { layer: PLACE_LAYER, nameEn, center, zoom },
  );
  await app.when.waitForMap();
  // Read from the map's own canvas during a frame (its drawing buffer is cleared once shown), so the page's
  // layout around the map, which differs between the languages, cannot shift the pixels.
  return app.page.evaluate(
    (center) =>
      new Promise<LabelPixels>((resolve, reject) => {
        const map = (window as unknown as WithMap).__atlasMap;
        if (!map) return reject(new Error("no map"));
        map.once("render", () => {
          const canvas = map.getCanvas();
          const scale = canvas.width / canvas.clientWidth;
          const p = map.project(center);
          const [width, height] = [Math.round(240 * scale), Math.round(80 * scale)];
          const copy = document.createElement("canvas");
          copy.width = width;
          copy.height = height;
          const context = copy.getContext("2d");
          if (!context) return reject(new Error("no 2d context"));
          const [x, y] = [Math.round(p.x * scale - width / 2), Math.round(p.y * scale - height / 2)];
          context.drawImage(canvas, x, y, width, height, 0, 0, width, height);
          resolve({ width, height, rgba: Array.from(context.getImageData(0, 0, width, height).data) });
        });
        map.triggerRepaint();
      }),
    center,
  );
}

/** The smallest box around the label's text: the pixels clearly darker than the image's corner (the map behind). */
function inkBox(image: LabelPixels): { x: number; y: number; width: number; height: number } {
  const paper = luminance(image, 0, 0);
  let [left, top, right, bottom] = [image.width, image.height, -1, -1];
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++)
      if (paper - luminance(image, x, y) > INK) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

const INK = 90; // how much darker than the map behind a pixel must be to count as text (sum of R, G and B)
const SAME = 45; // the most two pixels of the same text may differ (anti-aliasing), as the sum of R, G and B

function luminance(image: LabelPixels, x: number, y: number): number {
  const i = (y * image.width + x) * 4;
  return (image.rgba[i] ?? 0) + (image.rgba[i + 1] ?? 0) + (image.rgba[i + 2] ?? 0);
}

/**
 * Compares the text of two label images, each cut to its own ink box (so a label drawn one pixel further along
 * still matches): how many text pixels `a` has, whether the boxes have the same size, and how many pixels differ.
 */
export function compareLabels(
  a: LabelPixels,
  b: LabelPixels,
): { ink: number; sameSize: boolean; differing: number } {
  const boxA = inkBox(a);
  const boxB = inkBox(b);
  let ink = 0;
  let differing = 0;
  const width = Math.min(boxA.width, boxB.width);
  const height = Math.min(boxA.height, boxB.height);
  const paper = luminance(a, 0, 0);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const inA = luminance(a, boxA.x + x, boxA.y + y);
      if (paper - inA > INK) ink++;
      if (Math.abs(inA - luminance(b, boxB.x + x, boxB.y + y)) > SAME) differing++;
    }
  return { ink, sameSize: boxA.width === boxB.width && boxA.height === boxB.height, differing };
}
