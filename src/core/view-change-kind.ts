import { encodeCameraHash } from "./camera-hash.ts";
import { encodeViewState } from "./url-encode.ts";
import { DEFAULT_VIEW, type Filters, type ViewState } from "./view-state.ts";

/** The filter fields grouped as a reader changes them: both ends of the date range move in one drag. */
const CHANGE_GROUPS: Record<keyof Filters, string> = {
  from: "date",
  to: "date",
  actors: "actor",
  role: "actor",
  sources: "source",
  types: "type",
  governorates: "gov",
  q: "q",
};

/**
 * What changed between two views, as a short signature ("camera", "date", "q", "actor,selected"…); null when
 * nothing did. url-sync uses it to decide between a new history entry and replacing the current one: camera
 * moves always replace, and a run of the same change (a brush drag, typing, play) becomes one entry.
 * @example viewChangeKind(view, withDateRange(view, "2024-01-01", "2024-02-01")) // "date"
 */
export function viewChangeKind(before: ViewState, after: ViewState): string | null {
  if (before === after) return null;
  const changed = new Set<string>();
  const a = before.filters;
  const b = after.filters;
  if (a !== b) {
    for (const key of Object.keys(CHANGE_GROUPS) as (keyof Filters)[]) {
      const x = a[key];
      const y = b[key];
      const same = Array.isArray(x) && Array.isArray(y) ? x.join("\u0000") === y.join("\u0000") : x === y;
      if (!same) changed.add(CHANGE_GROUPS[key]);
    }
  }
  if (before.selected !== after.selected) changed.add("selected");
  if (before.lang !== after.lang) changed.add("lang");
  const embed = (view: ViewState) => encodeViewState({ ...DEFAULT_VIEW, embed: view.embed });
  if (embed(before) !== embed(after)) changed.add("embed");
  if (encodeCameraHash(before.camera) !== encodeCameraHash(after.camera)) changed.add("camera");
  return changed.size === 0 ? null : [...changed].join(",");
}
