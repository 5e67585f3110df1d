import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, normalize } from "node:path";

/**
 * The browser bench's third contender: Leaflet.markercluster, the clustering most open incident maps use, on a
 * page of its own (no basemap, which only flatters it). The page loads every incident as a marker once; a
 * filter change is what such a map does: `clearLayers()` and `addLayers()` of the matching markers, then two
 * frames. Its filter rules are the naive comparison's (page-harness.ts), so the matched counts can be checked.
 */

export const LEAFLET_PAGE_PATH = "/__bench/leaflet.html";
const ASSET_PREFIX = "/__bench/leaflet/";

const require = createRequire(import.meta.url);
const ASSET_DIRS: Record<string, string> = {
  "leaflet.js": dirname(require.resolve("leaflet/dist/leaflet.js")),
  "leaflet.css": dirname(require.resolve("leaflet/dist/leaflet.js")),
  "leaflet.markercluster.js": dirname(require.resolve("leaflet.markercluster/dist/leaflet.markercluster.js")),
  "MarkerCluster.css": dirname(require.resolve("leaflet.markercluster/dist/leaflet.markercluster.js")),
  "MarkerCluster.Default.css": dirname(
    require.resolve("leaflet.markercluster/dist/leaflet.markercluster.js"),
  ),
};

/** The bytes and type of a Leaflet asset the page asks for, or null when `path` is not one. */
export function leafletAsset(path: string): { body: Uint8Array; type: string } | null {
  if (!path.startsWith(ASSET_PREFIX)) return null;
  const name = normalize(path.slice(ASSET_PREFIX.length));
  const dir = ASSET_DIRS[name];
  if (!dir) return null;
  return {
    body: readFileSync(join(dir, name)),
    type: name.endsWith(".css") ? "text/css" : "text/javascript",
  };
}

/** The page: a full-window Leaflet map over the data's bbox and `window.__leaflet` (setup, change). */
export function leafletPage(geojsonPath: string): string {
  const css = ["leaflet.css", "MarkerCluster.css", "MarkerCluster.Default.css"]
    .map((name) => `<link rel="stylesheet" href="${ASSET_PREFIX}${name}">`)
    .join("");
  return `<!doctype html><html><head><meta charset="utf-8">${css}
<style>html,body,#map{margin:0;height:100%}</style></head><body><div id="map"></div>
<script src="${ASSET_PREFIX}leaflet.js"></script>
<script src="${ASSET_PREFIX}leaflet.markercluster.js"></script>
<script>
(() => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const icon = L.divIcon({ className: "incident", iconSize: [10, 10] });
  let map, group, all;
  window.__leaflet = {
    async setup() {
      const response = await fetch(${JSON.stringify(geojsonPath)});
      const collection = await response.json();
      const t0 = performance.now();
      map = L.map("map", { preferCanvas: true, maxZoom: 18 });
      const [west, south, east, north] = collection.bbox ?? [36, 32, 42, 37];
      map.fitBounds([[south, west], [north, east]]);
      all = collection.features.map((f) => ({
        p: f.properties,
        marker: L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]], { icon }),
      }));
      group = L.markerClusterGroup({ chunkedLoading: false });
      group.addLayers(all.map((x) => x.marker));
      map.addLayer(group);
      await frame(); await frame();
      return { ms: performance.now() - t0, markers: all.length };
    },
    async change(filters) {
      const t0 = performance.now();
      const end = (p) => p.date_end || p.date_start;
      const matched = all.filter(({ p }) => {
        if (filters.from !== null && end(p) < filters.from) return false;
        if (filters.to !== null && p.date_start > filters.to) return false;
        if (filters.actors.length > 0) {
          const ids = [];
          for (const a of p.perpetrators) ids.push(a.id);
          for (const a of p.targets) ids.push(a.id);
          for (const c of p.claims) ids.push(c.claimant.id);
          if (!filters.actors.some((id) => ids.includes(id))) return false;
        }
        if (filters.sources.length > 0 && !p.claims.some((c) => filters.sources.includes(c.source.id))) return false;
        return true;
      });
      group.clearLayers();
      group.addLayers(matched.map((x) => x.marker));
      await frame(); await frame();
      return { ms: performance.now() - t0, matched: matched.length };
    },
  };
})();
</script></body></html>`;
}
