import { effect } from "@preact/signals";
import { render } from "preact";
import { warmFormatters } from "./core/format.ts";
import type { KnownIds } from "./core/url-codec.ts";
import { decodeViewState } from "./core/url-codec.ts";
import { DEFAULT_VIEW } from "./core/view-state.ts";
import { type IncidentData, IncidentIdSet, loadIncidents } from "./state/load-incidents.ts";
import { createStore } from "./state/store.ts";
import { mountUrlSync, readViewFromLocation } from "./state/url-sync.ts";
import { App } from "./ui/App.tsx";
import { ErrorScreen } from "./ui/ErrorScreen.tsx";
import { ActiveFilterChips } from "./ui/filters/ActiveFilterChips.tsx";
import { FilterBar } from "./ui/filters/FilterBar.tsx";
import { Timeline } from "./ui/filters/Timeline.tsx";
import { UrlNotices } from "./ui/filters/UrlNotices.tsx";
import { type EarlyMap, feedEarlyMap, startEarlyMap } from "./ui/MapView.tsx";
import "./ui/app.css";

/** Relative, so the built app works from any sub-path (/maps/syria/). */
const DATA_URL = "data/incidents.geojson";
/** The first-render digest written next to it by the same build (src/core/incident-digest.ts). */
const DIGEST_URL = "data/incidents.digest.json";
/** When the full incidents load at the latest, map or no map (ms after the first render). */
const DETAILS_FALLBACK_MS = 3000;

/** The ids a URL may name (as url-codec's knownIdsOf, but from the loaded columns: no feature is decoded). */
function knownIdsOfData(data: IncidentData): KnownIds {
  return {
    actors: new Set(data.meta.actors.map((a) => a.id)),
    sources: new Set(data.meta.sources.map((s) => s.id)),
    types: new Set(data.meta.event_types.map((t) => t.id)),
    governorates: new Set(data.meta.governorates.map((g) => g.id)),
    incidents: new IncidentIdSet(data),
  };
}

/**
 * Lets the browser paint and handle input before the next step: receiving the worker's message, building
 * the store and the first render are each their own task rather than one long one.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The language to show while the data loads (the full URL is decoded once the ids are known). */
function langFromLocation(): "en" | "ar" {
  return new URLSearchParams(window.location.search).get("lang") === "ar" ? "ar" : DEFAULT_VIEW.lang;
}

/** Language, camera and embed mode from the URL alone: enough to start the map before the data is here. */
function earlyMapStart() {
  const none = new Set<string>();
  const known: KnownIds = { actors: none, sources: none, types: none, governorates: none, incidents: none };
  const { view } = decodeViewState(window.location.search, window.location.hash, known);
  return { lang: view.lang, camera: view.camera, embed: view.embed.enabled, bounds: null };
}

async function start(
  root: HTMLElement,
  earlyMap: EarlyMap | undefined,
  loading: Promise<IncidentData> = loadIncidents(DATA_URL, DIGEST_URL),
): Promise<void> {
  root.setAttribute("aria-busy", "true");
  let data: IncidentData;
  try {
    // Parsed and indexed in a worker; validated when it was built (npm run data:build), not here.
    data = await loading;
    await nextTask();
  } catch (error) {
    console.error(error);
    root.removeAttribute("aria-busy");
    render(<ErrorScreen lang={langFromLocation()} onRetry={() => void start(root, earlyMap)} />, root);
    return;
  }
  const known = knownIdsOfData(data);
  const { view, notices } = readViewFromLocation(known);
  const store = createStore(data, view);
  feedEarlyMap(earlyMap, store);
  let showNotices = (_: typeof notices) => {};
  mountUrlSync(store, known, { onNotices: (later) => showNotices(later) });
  root.removeAttribute("aria-busy");
  await nextTask();

  function draw(current: typeof notices): void {
    const { embed } = store.view.value;
    render(
      <App
        store={store}
        notices={<UrlNotices notices={current} lang={store.view.value.lang} />}
        filterBar={
          <>
            {embed.enabled && !embed.controls ? null : <FilterBar store={store} />}
            <ActiveFilterChips store={store} />
          </>
        }
        timeline={embed.enabled && !embed.timeline ? undefined : <Timeline store={store} />}
        earlyMap={earlyMap}
      />,
      root,
    );
  }
  showNotices = draw;
  draw(notices);
  // For tools that wait for the page to be fully loaded (the benchmark): claims and text search are in.
  effect(() => {
    if (store.complete.value) root.dataset.load = "complete";
  });
  // The map asks for the full incidents once it has drawn; without a map (no WebGL) nothing would.
  setTimeout(() => store.requestDetails(), DETAILS_FALLBACK_MS);
}

const root = document.getElementById("app");
if (root) {
  // The download starts first; the map's start-up (a long task in software WebGL) runs while it arrives.
  const loading = loadIncidents(DATA_URL, DIGEST_URL);
  const early = earlyMapStart();
  void start(root, startEarlyMap(early), loading);
  // While the worker reads the data and the main thread is otherwise idle.
  const whenIdle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 0));
  whenIdle(() => warmFormatters(early.lang));
}
