import { encodeCameraHash } from "./camera-hash.ts";
import { encodeComponent } from "./url-components.ts";
import { VIEW_PARAMS } from "./url-params.ts";
import type { ViewState } from "./view-state.ts";

/**
 * The query string of `view`, without the leading "?"; "" for the default view. Keys at their default
 * are left out; list items are comma-separated.
 * @example encodeViewState({ ...DEFAULT_VIEW, filters: { ...NO_FILTERS, actors: ["sdf", "isis"] } }) // "actor=sdf,isis"
 */
export function encodeViewState(view: ViewState): string {
  const parts: string[] = [];
  for (const param of VIEW_PARAMS) {
    const values = param.encode(view);
    if (values === undefined) continue;
    parts.push(`${param.key}=${values.map(encodeComponent).join(",")}`);
  }
  return parts.join("&");
}

/**
 * The relative URL part of a view: "?query#hash" ("" for the default view). Append to the page's path
 * for a link; the share panel and embed snippet use this.
 * @example encodeViewHref(view) // "?from=2022-01-01&embed=1#7.5/36.2/40.1"
 */
export function encodeViewHref(view: ViewState): string {
  const query = encodeViewState(view);
  return `${query === "" ? "" : `?${query}`}${encodeCameraHash(view.camera)}`;
}
