import { signal } from "@preact/signals";

/**
 * A file of the deployed app that did not load while the rest did: the page says which one and keeps working
 * without it (see ui/MissingFiles.tsx).
 * - basemap: a basemap layer file (the map draws the incidents without it);
 * - map-worker: MapLibre's worker script (the map cannot draw at all);
 * - data-worker: the incidents' worker script (the page reads the incidents itself).
 */
export interface MissingFile {
  kind: "basemap" | "map-worker" | "data-worker";
  /** The file's path under the site, as a maintainer finds it in dist/ ("basemap/places.geojson"). */
  file: string;
  /** The HTTP status, or the content type it was served with when that is not JavaScript; null when unknown. */
  reason: number | string | null;
}

/** The files reported so far, each once. */
export const missingFiles = signal<readonly MissingFile[]>([]);

export function reportMissingFile(missing: MissingFile): void {
  const known = missingFiles.value;
  if (known.some((m) => m.kind === missing.kind && m.file === missing.file)) return;
  console.error(`Missing ${missing.kind}: ${missing.file} (${missing.reason ?? "did not load"})`);
  missingFiles.value = [...known, missing];
}

/** `url` relative to the page's base (document.baseURI), as the file sits in dist/. */
export function sitePath(url: string, base: string): string {
  const siteBase = new URL(".", base).href;
  return url.startsWith(siteBase) ? url.slice(siteBase.length).split(/[?#]/)[0] || url : url;
}
