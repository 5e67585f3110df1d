import "./maplibre-init.ts";
import { computed, effect } from "@preact/signals";
import { LngLat, type LngLatBoundsLike, Map as MapLibreMap } from "maplibre-gl";
import { constrainToExtent } from "../core/camera-extent.ts";
import { NO_INSETS } from "../core/covered-insets.ts";
import { roundCamera, sameCamera, withCamera } from "../core/selection-actions.ts";
import type { Camera, Lang } from "../core/view-state.ts";
import { reportMissingFile } from "../state/missing-files.ts";
import { bilingualLabel, createBasemapStyle, LABEL_LAYER_IDS } from "./basemap-style.ts";
import { INCIDENT_SOURCES, type IncidentLayerStore, mountIncidentLayer } from "./incident-layer.ts";
import { controlStrings, mountControls } from "./map-controls.ts";
import { useOnlineStyle } from "./online-style.ts";
import { mountSelectionInView } from "./selection-in-view.ts";
import { watchMapFiles } from "./watch-map-files.ts";

/** What the map reads of the store: the incident layer's part and the camera in the view. */
export interface MapStore extends IncidentLayerStore {
  /** [west, south, east, north] of all incidents, or null when there are none. */
  bbox: [number, number, number, number] | null;
  /** Credits the data owes (imported datasets), shown beside the basemap's. */
  credits?: readonly string[];
}

/** Thrown when the browser cannot give MapLibre a WebGL 2 context; the UI shows a message and keeps the list. */
export class WebGLUnavailableError extends Error {
  readonly kind = "webgl-unavailable";
  constructor(cause?: unknown) {
    super("WebGL 2 is not available in this browser", { cause });
    this.name = "WebGLUnavailableError";
  }
}

export interface CreateMapOptions {
  /** An online vector style to use instead of the bundled basemap; never contacted when unset. */
  styleUrl?: string | null;
}

export const MAP_DEFAULTS = {
  // North and east Syria, used when the collection has no bbox (an empty sheet).
  bounds: [37.5, 34.2, 42.4, 37.4] as [number, number, number, number],
  // px around the incidents' bbox on first load; more at the bottom, where the credits line sits
  fitPadding: { top: 40, right: 40, bottom: 72, left: 40 },
  fitMaxZoom: 9, // a single incident should not open at street level
  minZoom: 4, // the region, not the world
  // [west, south, east, north] the bundled basemap has data for (public/basemap/SOURCES.md): the camera never
  // shows beyond it, where the sea colour would stop at a hard edge. An online style may show the world.
  basemapExtent: [34, 31, 44, 39] as [number, number, number, number],
  maxZoom: 15, // beyond this the bundled basemap has nothing to show
  onlineStyleTimeoutMs: 8000, // after this the bundled basemap takes over
  fadeDuration: 0, // ms of label cross-fade; 0 = labels switch at once (fewer frames per filter change)
  styleUrl: (import.meta.env.VITE_BASEMAP_STYLE_URL as string | undefined) || null,
};

/** What the map needs to start before the incidents arrive (read from the URL alone). */
export interface MapStart {
  lang: Lang;
  /** The camera from the URL's hash, or null to frame `bounds`. */
  camera: Camera | null;
  embed: boolean;
  /** The incidents' bbox when known; null frames the region and fits the data once it is connected. */
  bounds: [number, number, number, number] | null;
}

/**
 * A map started before the incidents are loaded: MapLibre's constructor, the WebGL set-up, the basemap style,
 * its tiles and fonts (together over a second in software WebGL) overlap the data's download and indexing
 * instead of following them. `connectMap` then attaches it to the store.
 */
export interface StartedMap {
  map: MapLibreMap;
  container: HTMLElement;
  /** True once the first style has loaded (connectMap adds the incident layers then or at once). */
  styleLoaded(): boolean;
  /** True when the reader moved the map before it was connected (then it is not re-framed to the data). */
  movedByReader(): boolean;
  /** The language of the basemap's labels at start. */
  lang: Lang;
  /** True when the camera framed a guess (no hash, no bbox yet): connectMap fits the data's bbox. */
  fitOnConnect: boolean;
  /** Disposes the incident layer when it was mounted before connectMap (mountIncidentsEarly), else null. */
  incidentLayer: (() => void) | null;
}

/**
 * The camera constraint of the bundled basemap (see constrainToExtent): the whole box, padding included, stays
 * where the basemap has data. Read from the container, which is what MapLibre lays out (the map keeps no padding).
 */
function withinBasemap(container: HTMLElement, center: LngLat, zoom: number) {
  const clamped = Math.min(MAP_DEFAULTS.maxZoom, Math.max(MAP_DEFAULTS.minZoom, zoom));
  const box = { width: container.clientWidth, height: container.clientHeight, padding: NO_INSETS };
  const fitted = constrainToExtent(
    { lng: center.lng, lat: center.lat, zoom: clamped },
    box,
    MAP_DEFAULTS.basemapExtent,
  );
  return { center: new LngLat(fitted.lng, fitted.lat), zoom: Math.min(MAP_DEFAULTS.maxZoom, fitted.zoom) };
}

function styleUrlOf(options: CreateMapOptions): string | null {
  return options.styleUrl === undefined ? MAP_DEFAULTS.styleUrl : options.styleUrl;
}

/**
 * Starts MapLibre in `container` with the bundled basemap (or the online style when configured). Throws
 * WebGLUnavailableError without WebGL 2 (when MapLibre's constructor fails).
 */
export function startMap(
  container: HTMLElement,
  start: MapStart,
  options: CreateMapOptions = {},
): StartedMap {
  const bundled = createBasemapStyle(document.baseURI, start.lang);
  const { camera } = start;
  const bounds = (start.bounds ?? MAP_DEFAULTS.bounds) as LngLatBoundsLike;

  let map: MapLibreMap;
  try {
    map = new MapLibreMap({
      container,
      style: bundled,
      attributionControl: false,
      minZoom: MAP_DEFAULTS.minZoom,
      maxZoom: MAP_DEFAULTS.maxZoom,
      ...(styleUrlOf(options)
        ? {}
        : {
            transformConstrain: (center: LngLat, zoom: number) => withinBasemap(container, center, zoom),
          }),
      locale: controlStrings(start.lang),
      // No cross-fade of labels: after a filter change the aggregate counts show at once, and the map is idle
      // (painted) sooner instead of animating symbol opacity frame by frame in software WebGL.
      fadeDuration: MAP_DEFAULTS.fadeDuration,
      // In an iframe, one-finger drags and plain wheel scroll the host article; ctrl/two fingers move the map.
      cooperativeGestures: start.embed,
      ...(camera
        ? { center: [camera.lon, camera.lat] as [number, number], zoom: camera.zoom }
        : {
            bounds,
            fitBoundsOptions: { padding: MAP_DEFAULTS.fitPadding, maxZoom: MAP_DEFAULTS.fitMaxZoom },
          }),
    });
  } catch (error) {
    // No separate WebGL probe first: a throwaway context is slow to create in software WebGL, and MapLibre's
    // constructor throws when it cannot get a context anyway.
    throw new WebGLUnavailableError(error);
  }
  // Removed with the map (map.remove drops its listeners).
  watchMapFiles(map, reportMissingFile);
  let styleLoaded = false;
  let movedByReader = false;
  map.once("style.load", () => {
    styleLoaded = true;
  });
  map.on("movestart", (event) => {
    if (event.originalEvent) movedByReader = true;
  });
  const styleUrl = styleUrlOf(options);
  if (styleUrl) useOnlineStyle(map, styleUrl, bundled, MAP_DEFAULTS.onlineStyleTimeoutMs);
  return {
    map,
    container,
    lang: start.lang,
    styleLoaded: () => styleLoaded,
    movedByReader: () => movedByReader,
    fitOnConnect: camera === null && start.bounds === null,
    incidentLayer: null,
  };
}

/**
 * Gives a started map its incident layer as soon as the store exists, before the page around the map is drawn:
 * the worker's first answer for the view is then asked for while Preact renders the list, the timeline and the
 * filters. connectMap keeps this layer. Without a loaded style yet, it does nothing: connectMap mounts the
 * layer when the style loads.
 */
/**
 * Resolves at the first "idle" (nothing left to load or draw) at which the incidents' source is there and loaded:
 * the incidents given so far are on screen.
 */
export async function incidentsDrawn(started: StartedMap): Promise<void> {
  const { map } = started;
  const source = INCIDENT_SOURCES.incidents;
  for (;;) {
    await new Promise<void>((resolve) => map.once("idle", () => resolve()));
    if (map.getSource(source) && map.isSourceLoaded(source)) return;
  }
}

export function mountIncidentsEarly(started: StartedMap, store: MapStore): void {
  if (started.incidentLayer || !started.styleLoaded()) return;
  started.incidentLayer = mountIncidentLayer(started.map, store);
}

/**
 * Attaches a started map to the store: incident layers (now, or when the style loads), controls, language,
 * camera both ways. A map started without the data's bbox is framed to it now, unless the reader has moved it.
 */
export function connectMap(started: StartedMap, store: MapStore): { map: MapLibreMap; dispose: () => void } {
  const { map } = started;
  const bbox = store.bbox;
  // The container may have moved (a map started early is adopted into the page): size the canvas to it.
  map.resize();
  // A link with an incident and no camera opens on the incident: the incident layer flies there, and framing
  // all the data here would stop that flight.
  const flyingToSelection = store.view.value.selected !== null;
  if (
    started.fitOnConnect &&
    bbox &&
    !started.movedByReader() &&
    store.view.value.camera === null &&
    !flyingToSelection
  ) {
    // Before the moveend listener below: framing the data is not a camera the URL should record.
    map.fitBounds(bbox as LngLatBoundsLike, {
      padding: MAP_DEFAULTS.fitPadding,
      maxZoom: MAP_DEFAULTS.fitMaxZoom,
      animate: false,
    });
  }

  // The incident layers belong to whichever style is loaded (bundled, online, or the fallback after a failure).
  let disposeLayer: (() => void) | null = started.incidentLayer;
  const mountLayer = () => {
    disposeLayer?.();
    disposeLayer = mountIncidentLayer(map, store);
  };
  if (started.styleLoaded() && !disposeLayer) mountLayer();
  map.on("style.load", mountLayer);

  // Controls sit on the reading end of the map (right in English, left in Arabic) and speak the UI language.
  const placeControls = mountControls(map, store.credits ?? []);

  let lastLang: Lang | null = null;
  // The labels were set in the language the map started with.
  let labelLang = started.lang;
  const disposeLang = effect(() => {
    const lang = store.view.value.lang;
    if (lang === lastLang) return;
    lastLang = lang;
    placeControls(lang);
    if (lang === labelLang) return;
    labelLang = lang;
    const label = bilingualLabel(lang);
    for (const id of LABEL_LAYER_IDS) {
      if (map.getLayer(id)) map.setLayoutProperty(id, "text-field", label);
    }
  });

  // The camera lives in the view (the URL codec writes it to the hash); the map is its source and follows it
  // when the view changes from elsewhere (back/forward).
  function onMoveEnd(): void {
    const center = map.getCenter();
    store.update((current) => withCamera(current, { zoom: map.getZoom(), lat: center.lat, lon: center.lng }));
  }
  map.on("moveend", onMoveEnd);
  const viewCamera = computed(() => store.view.value.camera);
  const disposeCamera = effect(() => {
    const wanted = viewCamera.value;
    if (wanted === null) return;
    const center = map.getCenter();
    const here = roundCamera({ zoom: map.getZoom(), lat: center.lat, lon: center.lng });
    if (!sameCamera(wanted, here) && !map.isMoving()) {
      map.jumpTo({ center: [wanted.lon, wanted.lat], zoom: wanted.zoom });
    }
  });

  // No ResizeObserver of ours for the canvas: MapLibre observes its container itself, throttled; a second,
  // unthrottled one doubled the canvas reallocations while the page lays itself out. The overlays' observer below
  // only reads boxes and moves the map for the selection.
  const disposeSelectionInView = mountSelectionInView(map, store);

  // Test hook (documented in test/e2e/driver.ts): the browser tests query rendered features through it.
  (window as unknown as { __atlasMap?: MapLibreMap }).__atlasMap = map;

  return {
    map,
    dispose() {
      disposeLang();
      disposeCamera();
      disposeSelectionInView();
      disposeLayer?.();
      map.off("moveend", onMoveEnd);
      map.off("style.load", mountLayer);
      map.remove();
      delete (window as unknown as { __atlasMap?: MapLibreMap }).__atlasMap;
    },
  };
}
