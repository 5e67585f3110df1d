import "maplibre-gl/dist/maplibre-gl.css";
import { setWorkerUrl } from "maplibre-gl";
// The worker must come from our own bundle: without this the built app shows a blank map
// ("Worker failed to load"), and a CDN worker would break the offline rule.
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url";
import { drawCanvasTextLeftToRight } from "./glyph-direction.ts";

/** Absolute URL of MapLibre's worker script (watch-map-files.ts checks it when the map reports a worker error). */
export const mapWorkerUrl = new URL(workerUrl, document.baseURI).href;

setWorkerUrl(workerUrl);
// Before any map draws a glyph: in Arabic (dir="rtl") label parentheses would otherwise be drawn mirrored.
drawCanvasTextLeftToRight();
