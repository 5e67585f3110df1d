import type { Camera, Lang, ViewState } from "./view-state.ts";

/**
 * Pure ViewState updates for selection, language and camera. Each returns the same object when nothing
 * changes, so signals downstream do not fire for a no-op.
 */

/** Selects an incident by id, or closes the selection with null. */
export function withSelected(view: ViewState, id: string | null): ViewState {
  return view.selected === id ? view : { ...view, selected: id };
}

export function withLang(view: ViewState, lang: Lang): ViewState {
  return view.lang === lang ? view : { ...view, lang };
}

/** Rounds the camera as MapLibre's hash does (zoom 2 decimals, lat/lon 4), so equal views compare equal. */
export function roundCamera(camera: Camera): Camera {
  return {
    zoom: Math.round(camera.zoom * 100) / 100,
    lat: Math.round(camera.lat * 10_000) / 10_000,
    lon: Math.round(camera.lon * 10_000) / 10_000,
  };
}

export function sameCamera(a: Camera | null, b: Camera | null): boolean {
  if (a === null || b === null) return a === b;
  return a.zoom === b.zoom && a.lat === b.lat && a.lon === b.lon;
}

/** Records where the map looks (rounded); unchanged when the rounded camera is the same. */
export function withCamera(view: ViewState, camera: Camera): ViewState {
  const rounded = roundCamera(camera);
  return sameCamera(view.camera, rounded) ? view : { ...view, camera: rounded };
}
