/**
 * The browser benchmark's in-page half, as plain JavaScript installed with `addInitScript` before the app
 * loads (a string, so no bundler helper leaks into the page). It records long main-thread tasks from the
 * start, and exposes `window.__bench`:
 *
 * - `firstRender(expected)`: resolves once the page says it is fully loaded (`#app[data-load="complete"]`),
 *   the count says `expected`, the list has rows, the timeline is drawn and the map has drawn the worker's
 *   incidents and is idle, plus two frames; returns page time and wall-clock time (`wallAt`, so the bench's
 *   server can tell which data/table/ requests came before it), the longest task so far and the list's rows;
 * - `settled()`: the same page state, for a tab whose first render was not timed;
 * - `change(href, expected)`: navigates the app to `href` through its own Back/Forward path (pushState +
 *   popstate → url-sync → store), then waits for the count, a new answer drawn in the "incidents" source,
 *   map idle and two frames;
 * - `openFromList(k)`: clicks the k-th row the list shows and waits until the incident panel shows its title
 *   (click → panel filled, as a reader opens an incident);
 * - `jump(camera)`: `map.jumpTo(camera)` (a settled pan or zoom: moveend → the worker re-aggregates), then
 *   waits for a new answer drawn in the "incidents" source, map idle and two frames; `drawnMs` is when the first
 *   frame with the new answer was drawn (the basemap's new tiles may still be loading then);
 * - `naiveSetup(url)` / `naiveChange(filters, expected)`: the simplest alternative on the same map — its own
 *   MapLibre clustered GeoJSON source fed with the full feature objects from `url`, `features.filter` and
 *   `setData` of the whole filtered collection — timed like `change` (the app's incident layers are hidden).
 * It reads the map through the app's `window.__atlasMap` test hook (src/map/create-map.ts).
 */
/**
 * The naive comparisons' filter rules as in-page JavaScript (`naiveMatch(properties, filters)`), over full
 * feature properties: the same rules as the app's date, actor and source filters.
 */
export const NAIVE_MATCH = `
function naiveMatch(p, filters) {
  const end = p.date_end || p.date_start;
  if (filters.from !== null && end < filters.from) return false;
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
}
`;

export const PAGE_HARNESS = `
(() => {
  ${NAIVE_MATCH}
  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (error) {
    console.warn("no longtask observer", error);
  }
  const NAIVE = "bench-naive";
  const APP_LAYERS = [
    "incident-uncertainty", "incident-clusters", "incident-cluster-count",
    "incident-points", "incident-point-shapes", "incident-selected-halo", "incident-selected-point", "incident-selected-shape",
  ];
  const state = { map: null, contentAt: -1, naiveContentAt: -1, idleAt: -1, drawnAt: -1, all: null };
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const twoFrames = async () => { await frame(); await frame(); };
  const count = () => {
    const el = document.querySelector('[data-testid="incident-count"]');
    return el ? Number(el.getAttribute("data-count")) : -1;
  };
  const attach = () => {
    const map = window.__atlasMap;
    if (!map || state.map === map) return map;
    state.map = map;
    map.on("sourcedata", (event) => {
      if (event.sourceDataType !== "content") return;
      if (event.sourceId === "incidents") state.contentAt = performance.now();
      if (event.sourceId === NAIVE) state.naiveContentAt = performance.now();
    });
    map.on("idle", () => { state.idleAt = performance.now(); });
    // The first frame drawn with all of the incidents source's new tiles: the new answer is on screen.
    map.on("render", () => {
      if (state.contentAt > state.drawnAt && map.isSourceLoaded("incidents")) state.drawnAt = performance.now();
    });
    return map;
  };
  const longestSince = (t0, t1) => {
    let longest = 0;
    for (const task of longTasks) {
      if (task.start + task.duration >= t0 && task.start <= t1) longest = Math.max(longest, task.duration);
    }
    return longest;
  };
  const waitFor = async (done, what, limitMs = 120000) => {
    const t0 = performance.now();
    while (!done()) {
      if (performance.now() - t0 > limitMs) throw new Error("timed out waiting for " + what);
      await frame();
    }
  };
  const mapDone = (t0) => state.contentAt > t0 && state.idleAt > state.contentAt;
  const naiveDone = (t0) => state.naiveContentAt > t0 && state.idleAt > state.naiveContentAt;
  const pageComplete = async (expected) => {
    await waitFor(() => document.querySelector('#app[data-load="complete"]'), "the page's load = complete");
    await waitFor(() => count() === expected && document.querySelector(".list-rows > li, .list-empty"), "count " + expected + " and list");
    await waitFor(() => document.querySelector('[data-slot="timeline"] *'), "timeline");
    await waitFor(() => attach(), "map");
    const map = state.map;
    await waitFor(() => {
      if (!map.loaded() || !map.isStyleLoaded() || map.isMoving()) return false;
      if (expected === 0) return true;
      return map.queryRenderedFeatures({ layers: ["incident-clusters", "incident-points"] }).length > 0;
    }, "incidents on an idle map");
    await twoFrames();
  };

  window.__bench = {
    longTasks,
    async firstRender(expected) {
      await pageComplete(expected);
      const at = performance.now();
      return {
        ms: at,
        wallAt: performance.timeOrigin + at,
        longestTask: longestSince(0, at),
        tasksOver50: longTasks.filter((t) => t.start <= at && t.duration > 50).length,
        domRows: document.querySelectorAll(".list-rows > li").length,
      };
    },
    async settled(expected) {
      await pageComplete(expected);
    },
    async change(href, expected) {
      attach();
      const t0 = performance.now();
      history.pushState(null, "", location.pathname + href);
      dispatchEvent(new PopStateEvent("popstate"));
      await waitFor(() => count() === expected, "count " + expected);
      const listAt = performance.now();
      await waitFor(() => mapDone(t0), "map");
      await twoFrames();
      const t1 = performance.now();
      return { ms: t1 - t0, listMs: listAt - t0, drawnMs: state.drawnAt - t0, longestTask: longestSince(t0, t1) };
    },
    async openFromList(k) {
      const rows = document.querySelectorAll(".list-rows button[data-incident-id]");
      const row = rows[k % rows.length];
      const title = row.querySelector(".row-title").textContent;
      const t0 = performance.now();
      row.click();
      await waitFor(
        () => document.querySelector('[data-testid="incident-panel"] #incident-title')?.textContent === title,
        "the panel of " + title,
      );
      const t1 = performance.now();
      return { ms: t1 - t0, longestTask: longestSince(t0, t1) };
    },
    async jump(camera) {
      const map = attach();
      const t0 = performance.now();
      map.jumpTo(camera);
      await waitFor(() => mapDone(t0), "map after jumpTo");
      await twoFrames();
      const t1 = performance.now();
      return { ms: t1 - t0, drawnMs: state.drawnAt - t0, longestTask: longestSince(t0, t1) };
    },
    async naiveSetup(url) {
      const map = attach();
      const response = await fetch(url);
      state.all = await response.json();
      for (const id of APP_LAYERS) if (map.getLayer(id)) map.setLayoutProperty(id, "visibility", "none");
      const t0 = performance.now();
      map.addSource(NAIVE, { type: "geojson", data: state.all, cluster: true, clusterRadius: 50, clusterMaxZoom: 14 });
      map.addLayer({
        id: NAIVE + "-clusters", type: "circle", source: NAIVE, filter: ["has", "point_count"],
        paint: { "circle-color": "#3d4a5c", "circle-radius": ["step", ["get", "point_count"], 13, 10, 17, 100, 22, 1000, 28] },
      });
      map.addLayer({
        id: NAIVE + "-points", type: "circle", source: NAIVE, filter: ["!", ["has", "point_count"]],
        paint: { "circle-color": "#c0392b", "circle-radius": 6 },
      });
      await waitFor(() => naiveDone(t0), "naive map");
      await twoFrames();
      return state.all.features.length;
    },
    async naiveChange(filters, expected) {
      const map = attach();
      const t0 = performance.now();
      const features = state.all.features.filter((f) => naiveMatch(f.properties, filters));
      map.getSource(NAIVE).setData({ type: "FeatureCollection", features });
      await waitFor(() => naiveDone(t0), "map (naive)");
      await twoFrames();
      const t1 = performance.now();
      return { ms: t1 - t0, matched: features.length, expected, longestTask: longestSince(t0, t1) };
    },
  };
})();
`;
