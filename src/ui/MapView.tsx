import { effect } from "@preact/signals";
import { useEffect, useRef, useState } from "preact/hooks";
import { messagesFor } from "../i18n/messages.ts";
import { BASEMAP_ATTRIBUTION } from "../map/basemap-style.ts";
import {
  connectMap,
  incidentsDrawn,
  type MapStart,
  mountIncidentsEarly,
  type StartedMap,
  startMap,
  WebGLUnavailableError,
} from "../map/create-map.ts";
import { exportViewImage } from "../map/export-view-image.ts";
import type { Store } from "../state/store.ts";
import { MapUnavailable } from "./ErrorScreen.tsx";
import "./MapView.css";

/** What the rest of the UI may ask of the map, without knowing MapLibre. */
export interface MapApi {
  /** A 2× PNG of the current view with title, legend, dates, filters in words and credits drawn in. */
  exportImage(): Promise<Blob>;
}

/** A map started before the data (see startEarlyMap); MapView adopts it instead of starting its own. */
export type EarlyMap = { started: StartedMap; adopted: boolean } | { unavailable: true };

/**
 * Starts the map while the incidents are still loading, in a hidden full-window element that MapView later
 * moves into its place: the WebGL set-up, the basemap style, tiles and fonts then overlap the data load.
 * Returns undefined when it could not start for a reason other than WebGL (MapView then tries again itself).
 */
export function startEarlyMap(start: MapStart): EarlyMap | undefined {
  const host = document.createElement("div");
  host.className = "map-canvas map-early";
  host.setAttribute("aria-hidden", "true");
  document.body.appendChild(host);
  try {
    return { started: startMap(host, start), adopted: false };
  } catch (error) {
    host.remove();
    if (error instanceof WebGLUnavailableError) return { unavailable: true };
    console.error(error);
    return undefined;
  }
}

/** Hands the early map its incidents before the page is drawn (see mountIncidentsEarly). */
export function feedEarlyMap(early: EarlyMap | undefined, store: Store): void {
  if (early && "started" in early && !early.adopted) mountIncidentsEarly(early.started, store);
}

/**
 * Resolves once the map has drawn the first incidents it was given and gone idle: the first render is complete, and
 * work that can wait (fetching what a later action needs) no longer competes with it. At once without a map.
 */
export async function firstRenderDone(early: EarlyMap | undefined, store: Store): Promise<void> {
  await store.ready;
  if (!early || !("started" in early)) return;
  const { started } = early;
  await new Promise<void>((resolve) => {
    const stop = effect(() => {
      if (store.mapFeatures.value === null) return;
      queueMicrotask(() => stop());
      resolve();
    });
  });
  await incidentsDrawn(started);
}

/** The one bridge between Preact and MapLibre: a container element, the map in an effect, dispose on unmount. */
export function MapView({
  store,
  early,
  onReady,
}: {
  store: Store;
  early?: EarlyMap | undefined;
  onReady?: (api: MapApi | null) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [unavailable, setUnavailable] = useState(early !== undefined && "unavailable" in early);
  const lang = store.view.value.lang;

  useEffect(() => {
    const section = container.current;
    if (!section || unavailable) return;
    try {
      let started: StartedMap;
      if (early && "started" in early && !early.adopted) {
        early.adopted = true;
        started = early.started;
        started.container.classList.remove("map-early");
        started.container.removeAttribute("aria-hidden");
      } else {
        const host = document.createElement("div");
        host.className = "map-canvas";
        const view = store.view.value;
        started = startMap(host, {
          lang: view.lang,
          camera: view.camera,
          embed: view.embed.enabled,
          bounds: store.bbox ?? null,
        });
      }
      section.appendChild(started.container);
      const { map, dispose } = connectMap(started, store);
      onReady?.({
        exportImage: () =>
          exportViewImage(map, store, {
            title: messagesFor(store.view.value.lang).appTitle,
            attribution: [BASEMAP_ATTRIBUTION, ...store.credits].join(" · "),
          }),
      });
      return () => {
        onReady?.(null);
        dispose();
        started.container.remove();
      };
    } catch (error) {
      if (error instanceof WebGLUnavailableError) {
        setUnavailable(true);
        return;
      }
      throw error;
    }
  }, [store]);

  if (unavailable) return <MapUnavailable lang={lang} />;
  // A plain box: MapLibre's canvas is the labelled region (create-map.ts names it), and a second landmark with the
  // same name around it is one too many (axe landmark-unique).
  return <div ref={container} class="map" data-testid="map" />;
}
