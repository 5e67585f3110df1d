/**
 * The browser benchmark's in-page half, as plain JavaScript installed with `addInitScript` before the app
 * loads (a string, so no bundler helper leaks into the page). It records long main-thread tasks from the
 * start, and exposes `window.__bench`:
 *
 * - `firstRender(expected)`: resolves with performance.now() once the count says `expected`, the list has rows,
 *   the timeline is drawn and the map has drawn incidents and is idle, plus two frames;
 * - `settled()`: resolves once the full incidents and the text search have loaded (after the first render,
 *   in the background) and the map is idle, so changes are timed in the steady state;
 * - `change(href, expected)`: navigates the app to `href` through its own Back/Forward path (pushState +
 *   popstate → url-sync → store), then waits for the count, a new map data load, map idle and two frames;
 * - `naiveChange(filters, expected)`: the simplest alternative on the same map — `features.filter` over full
 *   feature objects and `setData` of the whole filtered FeatureCollection — timed the same way.
 * It reads the map through the app's `window.__atlasMap` test hook (src/map/create-map.ts).
 */
export const PAGE_HARNESS = `
(() => {
  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (error) {
    console.warn("no longtask observer", error);
  }
  const state = { map: null, contentAt: -1, idleAt: -1, all: null };
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
      if (event.sourceId === "incidents" && event.sourceDataType === "content") state.contentAt = performance.now();
    });
    map.on("idle", () => { state.idleAt = performance.now(); });
    return map;
  };
  const longestSince = (t0, t1) => {
    let longest = 0;
    for (const task of longTasks) {
      if (task.start + task.duration >= t0 && task.start <= t1) longest = Math.max(longest, task.duration);
    }
    return longest;
  };
  const waitFor = async (done, what, limitMs = 60000) => {
    const t0 = performance.now();
    while (!done()) {
      if (performance.now() - t0 > limitMs) throw new Error("timed out waiting for " + what);
      await frame();
    }
  };
  const mapDone = (t0) => state.contentAt > t0 && state.idleAt > state.contentAt;

  window.__bench = {
    longTasks,
    async firstRender(expected) {
      await waitFor(() => count() === expected && document.querySelector(".list-rows > li, .list-empty"), "count and list");
      await waitFor(() => document.querySelector('[data-slot="timeline"] *'), "timeline");
      await waitFor(() => attach(), "map");
      const map = state.map;
      await waitFor(() => {
        if (!map.loaded() || !map.isStyleLoaded()) return false;
        if (expected === 0) return true;
        return map.queryRenderedFeatures({ layers: ["incident-clusters", "incident-points"] }).length > 0;
      }, "incidents on the map");
      await twoFrames();
      const at = performance.now();
      return {
        ms: at,
        longestTask: longestSince(0, at),
        tasksOver50: longTasks.filter((t) => t.start <= at && t.duration > 50).length,
        domRows: document.querySelectorAll(".list-rows > li").length,
      };
    },
    async settled() {
      await waitFor(() => document.querySelector('#app[data-load="complete"]'), "the full incidents", 120000);
      await waitFor(() => state.map && state.map.loaded(), "an idle map");
      await twoFrames();
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
      return { ms: t1 - t0, listMs: listAt - t0, longestTask: longestSince(t0, t1), domRows: document.querySelectorAll(".list-rows > li").length };
    },
    async naiveSetup() {
      const response = await fetch("data/incidents.geojson");
      state.all = await response.json();
      return state.all.features.length;
    },
    async naiveChange(filters, expected) {
      const map = attach();
      const t0 = performance.now();
      const end = (p) => p.date_end || p.date_start;
      const features = state.all.features.filter((f) => {
        const p = f.properties;
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
      map.getSource("incidents").setData({ type: "FeatureCollection", features });
      await waitFor(() => mapDone(t0), "map (naive)");
      await twoFrames();
      const t1 = performance.now();
      return { ms: t1 - t0, matched: features.length, expected, longestTask: longestSince(t0, t1) };
    },
  };
})();
`;
