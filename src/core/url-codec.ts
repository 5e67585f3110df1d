import { parsePartialDate } from "./dates.ts";
import type { IncidentCollection } from "./incident.ts";
import { roundCamera } from "./selection-actions.ts";
import {
  type ActorRole,
  type Camera,
  DEFAULT_VIEW,
  type EmbedOptions,
  type Filters,
  type Lang,
  type ViewState,
} from "./view-state.ts";

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

/** The ids a URL may refer to, from the loaded data. */
export interface KnownIds {
  actors: ReadonlySet<string>;
  sources: ReadonlySet<string>;
  types: ReadonlySet<string>;
  governorates: ReadonlySet<string>;
  incidents: ReadonlySet<string>;
}

/** Why part of the URL was dropped. */
export type NoticeReason =
  | "unknown-id" // an actor/source/type/governorate/incident id the data does not have
  | "not-a-date" // from/to that is not YYYY-MM-DD (or YYYY-MM, YYYY)
  | "not-allowed" // a value outside the key's choices (role=boss, lang=fr, embed=yes)
  | "markup" // text that looks like HTML or script
  | "too-long" // search text over MAX_QUERY_LENGTH, cut
  | "range-reversed" // from after to: the two were swapped
  | "bad-camera" // a hash that is not #zoom/lat/lon within range
  | "malformed"; // percent-encoding that does not decode

/** A small visible notice about a dropped URL value. `value` is plain text (render it as text, never as HTML). */
export interface ViewNotice {
  key: string;
  value: string;
  reason: NoticeReason;
}

/** The longest search text kept from a URL. */
export const MAX_QUERY_LENGTH = 200;
/** Dropped values are quoted in notices at most this long. */
const NOTICE_VALUE_LENGTH = 60;

/** The data's ids, for decodeViewState. */
export function knownIdsOf(collection: IncidentCollection): KnownIds {
  return {
    actors: new Set(collection.meta.actors.map((a) => a.id)),
    sources: new Set(collection.meta.sources.map((s) => s.id)),
    types: new Set(collection.meta.event_types.map((t) => t.id)),
    governorates: new Set(collection.meta.governorates.map((g) => g.id)),
    incidents: new Set(collection.features.map((f) => f.properties.id)),
  };
}

/** What one key's decoder returns: the updated view, and the parts it dropped. */
interface Decoded {
  view: ViewState;
  dropped: { value: string; reason: NoticeReason }[];
}

/** One URL key: how it reads into a ViewState and writes out of one (undefined: leave the key out). */
export interface ViewParam {
  key: string;
  /** Whether the raw value is a comma-separated list (its items are percent-decoded one by one). */
  list: boolean;
  decode(values: string[], view: ViewState, known: KnownIds): Decoded;
  encode(view: ViewState): string[] | undefined;
}

function withFilters(view: ViewState, filters: Partial<Filters>): ViewState {
  return { ...view, filters: { ...view.filters, ...filters } };
}

function withEmbed(view: ViewState, embed: Partial<EmbedOptions>): ViewState {
  return { ...view, embed: { ...view.embed, ...embed } };
}

/** A list-of-ids key: keeps the known ids, drops (and reports) the others; duplicates collapse. */
function idListParam(
  key: string,
  field: "actors" | "sources" | "types" | "governorates",
  vocabulary: (known: KnownIds) => ReadonlySet<string>,
): ViewParam {
  return {
    key,
    list: true,
    decode(values, view, known) {
      const ids: string[] = [];
      const dropped: Decoded["dropped"] = [];
      for (const value of values) {
        if (value === "") continue;
        if (vocabulary(known).has(value)) {
          if (!ids.includes(value)) ids.push(value);
        } else {
          dropped.push({ value, reason: looksLikeMarkup(value) ? "markup" : "unknown-id" });
        }
      }
      return { view: withFilters(view, { [field]: ids }), dropped };
    },
    encode: (view) => (view.filters[field].length > 0 ? [...view.filters[field]] : undefined),
  };
}

function dateParam(key: "from" | "to"): ViewParam {
  return {
    key,
    list: false,
    decode([value = ""], view) {
      const date = parsePartialDate(value.trim());
      if (!date.ok)
        return { view, dropped: [{ value, reason: looksLikeMarkup(value) ? "markup" : "not-a-date" }] };
      return { view: withFilters(view, { [key]: key === "from" ? date.start : date.end }), dropped: [] };
    },
    encode: (view) => (view.filters[key] === null ? undefined : [view.filters[key] as string]),
  };
}

/** A key with a fixed set of values. */
function choiceParam<T extends string>(
  key: string,
  choices: readonly T[],
  read: (view: ViewState) => T,
  write: (view: ViewState, value: T) => ViewState,
  fallback: T,
): ViewParam {
  return {
    key,
    list: false,
    decode([value = ""], view) {
      const choice = choices.find((c) => c === value);
      if (choice === undefined) {
        return { view, dropped: [{ value, reason: looksLikeMarkup(value) ? "markup" : "not-allowed" }] };
      }
      return { view: write(view, choice), dropped: [] };
    },
    encode: (view) => (read(view) === fallback ? undefined : [read(view)]),
  };
}

/** A 0/1 flag of the embed options. */
function flagParam(key: string, field: keyof EmbedOptions): ViewParam {
  const fallback = DEFAULT_VIEW.embed[field];
  return choiceParam<"0" | "1">(
    key,
    ["0", "1"],
    (view) => (view.embed[field] ? "1" : "0"),
    (view, value) => withEmbed(view, { [field]: value === "1" }),
    fallback ? "1" : "0",
  );
}

const ROLES: readonly ActorRole[] = ["any", "perpetrator", "target", "claimant"];
const LANGS: readonly Lang[] = ["en", "ar"];

/**
 * Text that would be a tag or a script URL if it were ever put into HTML. Never kept, so never echoed or
 * executed (the app renders text as text anyway; this keeps such a link from even looking like it worked).
 */
function looksLikeMarkup(text: string): boolean {
  return /[<>]|javascript:/i.test(text);
}

/** Control characters have no place in a search box or a notice. */
const CONTROL_CHARACTERS = /\p{Cc}/gu;

/** Every URL key, in the order they are written. */
export const VIEW_PARAMS: readonly ViewParam[] = [
  dateParam("from"),
  dateParam("to"),
  idListParam("actor", "actors", (known) => known.actors),
  choiceParam<ActorRole>(
    "role",
    ROLES,
    (view) => view.filters.role,
    (view, role) => withFilters(view, { role }),
    "any",
  ),
  idListParam("source", "sources", (known) => known.sources),
  idListParam("type", "types", (known) => known.types),
  idListParam("gov", "governorates", (known) => known.governorates),
  {
    key: "q",
    list: false,
    decode([value = ""], view) {
      if (looksLikeMarkup(value)) return { view, dropped: [{ value, reason: "markup" }] };
      const text = value.replace(CONTROL_CHARACTERS, " ").trim();
      if (text.length > MAX_QUERY_LENGTH) {
        return {
          view: withFilters(view, { q: text.slice(0, MAX_QUERY_LENGTH) }),
          dropped: [{ value: text, reason: "too-long" }],
        };
      }
      return { view: withFilters(view, { q: text }), dropped: [] };
    },
    encode: (view) => (view.filters.q.trim() === "" ? undefined : [view.filters.q]),
  },
  {
    key: "id",
    list: false,
    decode([value = ""], view, known) {
      if (known.incidents.has(value)) return { view: { ...view, selected: value }, dropped: [] };
      return { view, dropped: [{ value, reason: looksLikeMarkup(value) ? "markup" : "unknown-id" }] };
    },
    encode: (view) => (view.selected === null ? undefined : [view.selected]),
  },
  choiceParam<Lang>(
    "lang",
    LANGS,
    (view) => view.lang,
    (view, lang) => ({ ...view, lang }),
    DEFAULT_VIEW.lang,
  ),
  flagParam("embed", "enabled"),
  flagParam("lock", "locked"),
  flagParam("controls", "controls"),
  flagParam("timeline", "timeline"),
];

const PARAMS_BY_KEY = new Map(VIEW_PARAMS.map((param) => [param.key, param]));

/** Percent-decoding that reports failure instead of throwing; `+` is a space, as in HTML forms. */
function decodeComponent(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

/** Percent-encoding that keeps the URL readable: `:` `/` `@` stay as they are (all legal in a query). */
function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ":").replace(/%2F/gi, "/").replace(/%40/gi, "@");
}

/** A dropped value, cut and flattened for quoting in a notice. */
function quoted(value: string): string {
  const flat = value.replace(CONTROL_CHARACTERS, " ");
  return flat.length > NOTICE_VALUE_LENGTH ? `${flat.slice(0, NOTICE_VALUE_LENGTH - 1)}…` : flat;
}

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

/**
 * MapLibre's hash `#zoom/lat/lon`, rounded as the store rounds cameras (zoom 2 decimals, lat/lon 4);
 * "" when the camera is not set (fit all incidents).
 * @example encodeCameraHash({ zoom: 7.5, lat: 36.2, lon: 40.1 }) // "#7.5/36.2/40.1"
 */
export function encodeCameraHash(camera: Camera | null): string {
  if (camera === null) return "";
  const { zoom, lat, lon } = roundCamera(camera);
  return `#${zoom}/${lat}/${lon}`;
}

/** Reads `#zoom/lat/lon` (extra `/bearing/pitch` ignored). Empty hash: no camera; bad hash: not ok. */
export function decodeCameraHash(
  hash: string,
): { ok: true; camera: Camera | null } | { ok: false; value: string } {
  const text = hash.replace(/^#/, "");
  if (text === "") return { ok: true, camera: null };
  const parts = text.split("/");
  const numbers = parts.slice(0, 3).map((part) => (/^-?\d+(\.\d+)?$/.test(part) ? Number(part) : Number.NaN));
  const [zoom = Number.NaN, lat = Number.NaN, lon = Number.NaN] = numbers;
  const inRange = zoom >= 0 && zoom <= 24 && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
  if (parts.length < 3 || !inRange) return { ok: false, value: decodeComponent(text) ?? text };
  return { ok: true, camera: roundCamera({ zoom, lat, lon }) };
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
