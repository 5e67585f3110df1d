import { decodeCameraHash } from "./camera-hash.ts";
import { decodeComponent, quoted } from "./url-components.ts";
import { type KnownIds, PARAMS_BY_KEY, VIEW_PARAMS, type ViewNotice, withFilters } from "./url-params.ts";
import { DEFAULT_VIEW, type ViewState } from "./view-state.ts";

export { decodeCameraHash, encodeCameraHash } from "./camera-hash.ts";
export { encodeViewHref, encodeViewState } from "./url-encode.ts";
export {
  type KnownIds,
  knownIdsOf,
  MAX_QUERY_LENGTH,
  type NoticeReason,
  VIEW_PARAMS,
  type ViewNotice,
  type ViewParam,
} from "./url-params.ts";
export { viewChangeKind } from "./view-change-kind.ts";

/**
 * The URL codec: ViewState ⇄ query string + `#zoom/lat/lon` hash. The query keys are a public interface
 * (issue #5); embeds and shared links depend on them, so keys are only ever added, never renamed.
 *
 * | key        | value                                   | default (key left out) |
 * | ---------- | --------------------------------------- | ---------------------- |
 * | `from`     | ISO day `YYYY-MM-DD` (`YYYY-MM`, `YYYY` accepted: first day) | open start |
 * | `to`       | ISO day (`YYYY-MM`, `YYYY` accepted: last day)              | open end   |
 * | `actor`    | comma-separated actor ids               | any actor              |
 * | `role`     | `perpetrator`, `target` or `claimant`   | `any`                  |
 * | `source`   | comma-separated source ids              | any source             |
 * | `type`     | comma-separated event type ids          | any type               |
 * | `gov`      | comma-separated governorate ids (ISO 3166-2, `SY-HA`) | anywhere |
 * | `q`        | search text (≤ 200 characters)          | none                   |
 * | `id`       | selected incident id                    | none                   |
 * | `lang`     | `en` or `ar`                            | `en`                   |
 * | `embed`    | `1`: embed mode (compact chrome)        | full app               |
 * | `lock`     | `1`: filters cannot be changed (embeds) | unlocked               |
 * | `controls` | `0`: filter controls hidden (embeds)    | shown                  |
 * | `timeline` | `0`: timeline hidden (embeds)           | shown                  |
 * | hash       | `#zoom/lat/lon` (MapLibre's; extra `/bearing/pitch` ignored) | fit all incidents |
 *
 * Decoding never throws: unknown keys are ignored; a value that is not valid (an unknown id, a date that
 * is not a date, markup) is dropped — the rest of the key is kept — and reported as a ViewNotice for the
 * reader. Ids are checked against the data's own vocabularies (KnownIds).
 */

/**
 * Reads a view from a URL's search ("?a=b…", the "?" optional) and hash ("#zoom/lat/lon"). Starts from
 * DEFAULT_VIEW; never throws. Unknown keys are ignored; with a key repeated, the last one wins.
 * @example decodeViewState("?actor=sdf,nobody", "", known) // { view: actors ["sdf"], notices: [{ key: "actor", value: "nobody", reason: "unknown-id" }] }
 */
export function decodeViewState(
  search: string,
  hash: string,
  known: KnownIds,
): { view: ViewState; notices: ViewNotice[] } {
  const raw = new Map<string, string>();
  for (const pair of search.replace(/^\?/, "").split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    if (key === null || !PARAMS_BY_KEY.has(key)) continue;
    raw.set(key, eq === -1 ? "" : pair.slice(eq + 1));
  }
  let view = DEFAULT_VIEW;
  const notices: ViewNotice[] = [];
  for (const param of VIEW_PARAMS) {
    const value = raw.get(param.key);
    if (value === undefined) continue;
    const pieces = param.list ? value.split(",") : [value];
    const values: string[] = [];
    for (const piece of pieces) {
      const decoded = decodeComponent(piece);
      if (decoded === null) notices.push({ key: param.key, value: quoted(piece), reason: "malformed" });
      else values.push(decoded);
    }
    if (values.length === 0) continue;
    const result = param.decode(values, view, known);
    view = result.view;
    for (const drop of result.dropped)
      notices.push({ key: param.key, value: quoted(drop.value), reason: drop.reason });
  }
  const { from, to } = view.filters;
  if (from !== null && to !== null && from > to) {
    view = withFilters(view, { from: to, to: from });
    notices.push({ key: "to", value: to, reason: "range-reversed" });
  }
  const camera = decodeCameraHash(hash);
  if (camera.ok) view = camera.camera === null ? view : { ...view, camera: camera.camera };
  else notices.push({ key: "#", value: quoted(camera.value), reason: "bad-camera" });
  return { view, notices };
}
