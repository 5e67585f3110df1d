import { parsePartialDate } from "./dates.ts";
import type { IncidentCollection } from "./incident.ts";
import {
  type ActorRole,
  DEFAULT_VIEW,
  type EmbedOptions,
  type Filters,
  type Lang,
  type ViewState,
} from "./view-state.ts";

/**
 * The URL's keys (see the table in url-codec.ts), one ViewParam each: how its value reads into a ViewState,
 * checked against the data's own ids, and how it is written out of one.
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

export function withFilters(view: ViewState, filters: Partial<Filters>): ViewState {
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
export const CONTROL_CHARACTERS = /\p{Cc}/gu;

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

export const PARAMS_BY_KEY = new Map(VIEW_PARAMS.map((param) => [param.key, param]));
