import { render } from "preact";
import type { IncidentCollection } from "./core/incident";
import { DEFAULT_VIEW } from "./core/view-state";
import { createStore } from "./state/store";
import { App } from "./ui/App";
import { ErrorScreen } from "./ui/ErrorScreen";
import "./ui/app.css";

/** Relative, so the built app works from any sub-path (/maps/syria/). */
const DATA_URL = "data/incidents.geojson";

async function loadCollection(): Promise<IncidentCollection> {
  const response = await fetch(DATA_URL);
  if (!response.ok) throw new Error(`${DATA_URL}: HTTP ${response.status}`);
  // Validated when it was built (npm run data:build): not re-validated here.
  return (await response.json()) as IncidentCollection;
}

async function start(root: HTMLElement): Promise<void> {
  root.setAttribute("aria-busy", "true");
  const view = DEFAULT_VIEW;
  let collection: IncidentCollection;
  try {
    collection = await loadCollection();
  } catch (error) {
    console.error(error);
    root.removeAttribute("aria-busy");
    render(<ErrorScreen lang={view.lang} onRetry={() => void start(root)} />, root);
    return;
  }
  const store = createStore(collection, view);
  root.removeAttribute("aria-busy");
  render(<App store={store} />, root);
}

const root = document.getElementById("app");
if (root) void start(root);
