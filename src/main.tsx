import { render } from "preact";
import type { IncidentCollection } from "./core/incident";
import { knownIdsOf } from "./core/url-codec";
import { DEFAULT_VIEW } from "./core/view-state";
import { createStore, prepareSearchWhenIdle } from "./state/store";
import { mountUrlSync, readViewFromLocation } from "./state/url-sync";
import { App } from "./ui/App";
import { ErrorScreen } from "./ui/ErrorScreen";
import { ActiveFilterChips } from "./ui/filters/ActiveFilterChips";
import { FilterBar } from "./ui/filters/FilterBar";
import { Timeline } from "./ui/filters/Timeline";
import { UrlNotices } from "./ui/filters/UrlNotices";
import "./ui/app.css";

/** Relative, so the built app works from any sub-path (/maps/syria/). */
const DATA_URL = "data/incidents.geojson";

async function loadCollection(): Promise<IncidentCollection> {
  const response = await fetch(DATA_URL);
  if (!response.ok) throw new Error(`${DATA_URL}: HTTP ${response.status}`);
  // Validated when it was built (npm run data:build): not re-validated here.
  return (await response.json()) as IncidentCollection;
}

/** The language to show while the data loads (the full URL is decoded once the ids are known). */
function langFromLocation(): "en" | "ar" {
  return new URLSearchParams(window.location.search).get("lang") === "ar" ? "ar" : DEFAULT_VIEW.lang;
}

async function start(root: HTMLElement): Promise<void> {
  root.setAttribute("aria-busy", "true");
  let collection: IncidentCollection;
  try {
    collection = await loadCollection();
  } catch (error) {
    console.error(error);
    root.removeAttribute("aria-busy");
    render(<ErrorScreen lang={langFromLocation()} onRetry={() => void start(root)} />, root);
    return;
  }
  const known = knownIdsOf(collection);
  const { view, notices } = readViewFromLocation(known);
  const store = createStore(collection, view);
  let showNotices = (_: typeof notices) => {};
  mountUrlSync(store, known, { onNotices: (later) => showNotices(later) });
  root.removeAttribute("aria-busy");

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
      />,
      root,
    );
  }
  showNotices = draw;
  draw(notices);
  prepareSearchWhenIdle(store);
}

const root = document.getElementById("app");
if (root) void start(root);
