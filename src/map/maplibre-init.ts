import "maplibre-gl/dist/maplibre-gl.css";
import { setWorkerUrl } from "maplibre-gl";
// The worker must come from our own bundle: without this the built app shows a blank map
// ("Worker failed to load"), and a CDN worker would break the offline rule.
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url";

setWorkerUrl(workerUrl);
