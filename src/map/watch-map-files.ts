import type { Map as MapLibreMap } from "maplibre-gl";
import { type MissingFile, sitePath } from "../state/missing-files.ts";
import { mapWorkerUrl } from "./maplibre-init.ts";

/** True for the content types a browser runs as a worker script. */
function isJavaScript(contentType: string): boolean {
  return /^(text|application)\/(javascript|ecmascript|x-javascript)\b/i.test(contentType.trim());
}

/**
 * Why MapLibre's worker script cannot run, or null when it looks fine. MapLibre reports a worker that failed
 * to start only as an error without a URL; asking the server for the script says whether it is missing (404)
 * or served as something the browser will not run (an HTML page in its place).
 */
export async function checkMapWorker(url: string = mapWorkerUrl): Promise<number | string | null> {
  try {
    const response = await fetch(url, { method: "HEAD", cache: "no-store" });
    if (!response.ok) return response.status;
    const type = response.headers.get("content-type") ?? "";
    return isJavaScript(type) ? null : type || "no content type";
  } catch {
    return "no answer";
  }
}

/**
 * Reports the map's own files that fail to load: a basemap file (MapLibre's error event carries its URL and
 * HTTP status) and MapLibre's worker (checked once, on the first error that names no URL).
 */
export function watchMapFiles(map: MapLibreMap, report: (missing: MissingFile) => void): () => void {
  const basemapBase = new URL("basemap/", document.baseURI).href;
  let workerChecked = false;
  const onError = (event: { error?: unknown }) => {
    const error = event.error as { status?: unknown; url?: unknown } | undefined;
    // MapLibre logs an error itself only when nobody listens: keep it in the console for whoever debugs.
    console.error(event.error);
    const url = typeof error?.url === "string" ? error.url : null;
    if (url !== null) {
      // Only the bundled basemap: an online style's failures fall back to it (create-map.ts useOnlineStyle).
      if (url.startsWith(basemapBase)) {
        const status = typeof error?.status === "number" ? error.status : null;
        report({ kind: "basemap", file: sitePath(url, document.baseURI), reason: status });
      }
      return;
    }
    if (workerChecked) return;
    workerChecked = true;
    void checkMapWorker().then((reason) => {
      if (reason !== null)
        report({ kind: "map-worker", file: sitePath(mapWorkerUrl, document.baseURI), reason });
    });
  };
  map.on("error", onError);
  return () => map.off("error", onError);
}
