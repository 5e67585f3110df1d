import { messagesFor } from "../i18n/messages.ts";
import { dayNumberToIsoDay, isoDayToDayNumber } from "./day-number.ts";
import { dateFormatter, LOCALES } from "./format.ts";
import { formatMessage, type MessageValues } from "./format-message.ts";
import type { CollectionMeta, DatePrecision, IncidentCollection, SourceRef } from "./incident.ts";
import type { IncidentTable } from "./incident-table.ts";
import type { Filters, Lang } from "./view-state.ts";
import { EVENT_TYPES } from "./vocabulary.ts";

/**
 * "Filters in words": one line that says what a view shows, for the caption of an exported image and the
 * title of an embed (which screen readers announce). Pure, so both languages are tested in Node.
 */

/** Between the phrases of a description. */
export const PHRASE_SEPARATOR = " · ";

/** Longer lists are cut after this many names and end with "+N more", so a title stays readable. */
const MAX_LISTED = 4;

/**
 * The filters of a view in words, one phrase per active filter, names in `lang`.
 * Ids the metadata does not know are shown as they are rather than dropped, so the words never hide a filter.
 * @example
 * describeFilters({ ...NO_FILTERS, from: "2022-01-20", to: "2022-01-30", actors: ["sdf"], role: "target" }, meta, "en")
 * // ["Incidents 20 Jan 2022 – 30 Jan 2022", "actor: SDF (target)"]
 */
export function describeFilters(filters: Filters, meta: CollectionMeta, lang: Lang): string[] {
  const words = messagesFor(lang).describe;
  const phrase = (template: string, names: string[], values: MessageValues = {}) =>
    formatMessage(template, { count: names.length, names: listOf(names, lang), ...values }, lang);
  const phrases: string[] = [];
  const hasDates = filters.from !== null || filters.to !== null;
  if (hasDates)
    phrases.push(
      formatMessage(words.incidentsDated, { dates: describeDateRange(filters.from, filters.to, lang) }, lang),
    );
  else phrases.push(words.incidents);

  if (filters.actors.length > 0) {
    const names = filters.actors.map((id) => meta.actors.find((a) => a.id === id)?.name[lang] || id);
    phrases.push(
      filters.role === "any"
        ? phrase(words.actors, names)
        : phrase(words.actorsInRole, names, { role: words.roles[filters.role] }),
    );
  }
  if (filters.sources.length > 0) {
    const names = filters.sources.map((id) => {
      const source = meta.sources.find((s) => s.id === id);
      return source ? describeSource(source, lang) : id;
    });
    phrases.push(phrase(words.sources, names));
  }
  if (filters.types.length > 0) {
    const names = filters.types.map((id) => eventTypesOf(meta).find((t) => t.id === id)?.name[lang] || id);
    phrases.push(phrase(words.types, names));
  }
  if (filters.governorates.length > 0) {
    const names = filters.governorates.map(
      (id) => meta.governorates.find((g) => g.id === id)?.name[lang] || id,
    );
    phrases.push(phrase(words.governorates, names));
  }
  const q = filters.q.trim();
  if (q !== "") phrases.push(formatMessage(words.search, { q }, lang));

  if (phrases.length === 1 && !hasDates) return [words.allIncidents];
  return phrases;
}

/**
 * The filters in one line, for an embed title or an image caption.
 * @example describeView(NO_FILTERS, meta, "en") // "All incidents"
 */
export function describeView(filters: Filters, meta: CollectionMeta, lang: Lang): string {
  return describeFilters(filters, meta, lang).join(PHRASE_SEPARATOR);
}

/**
 * A date filter in words; either side may be open.
 * @example describeDateRange("2022-01-20", null, "en") // "from 20 Jan 2022"
 */
export function describeDateRange(from: string | null, to: string | null, lang: Lang): string {
  const words = messagesFor(lang).describe;
  const day = (date: string) => formatDate(date, "day", lang);
  if (from !== null && to !== null) return formatMessage(words.range, { from: day(from), to: day(to) }, lang);
  if (from !== null) return formatMessage(words.from, { from: day(from) }, lang);
  if (to !== null) return formatMessage(words.until, { to: day(to) }, lang);
  return words.allDates;
}

/**
 * A date as entered at its precision: "25 Jan 2022", "Jan 2022" or "2022".
 * Built from the parts by hand (UTC), never `new Date("YYYY-MM-DD")`, which shifts the day in some time zones.
 */
export function formatDate(date: string, precision: DatePrecision, lang: Lang): string {
  const day = isoDayToDayNumber(
    `${date.slice(0, 4)}-${date.slice(5, 7) || "01"}-${date.slice(8, 10) || "01"}`,
  );
  if (!Number.isFinite(day)) return date;
  return dateFormatter(precision, lang, "short").format(day * 86_400_000);
}

/** "North Pulse, 25 Jan 2022": outlet and publication date, how a source is named in a caption. */
export function describeSource(source: SourceRef, lang: Lang): string {
  const outlet = source.outlet[lang] || source.outlet[lang === "en" ? "ar" : "en"];
  const date = formatDate(source.published, source.published_precision, lang);
  return formatMessage(messagesFor(lang).describe.sourceWithDate, { outlet, date }, lang);
}

/** What an exported image of a view says about itself, besides the map and the basemap attribution. */
export interface ViewCaption {
  /** The view in words, e.g. "Incidents 20 Jan 2022 – 30 Jan 2022 · actor: SDF (target)". */
  filtersInWords: string;
  /** The dates the shown incidents cover (or the date filter when set), e.g. "20 Jan 2022 – 30 Jan 2022". */
  dateRange: string;
  /** Event types present among the shown incidents, with their map colours, in vocabulary order. */
  legend: { label: string; color: string }[];
  /** "Sources: North Pulse; Hawar News": the outlets cited by the shown incidents' claims. */
  sourceCredits: string;
}

/**
 * The caption of an exported image for the incidents at `indexes`: filters in words, date range,
 * a legend of the event types shown and the outlets the shown incidents rest on.
 */
export function describeCaption(
  collection: IncidentCollection,
  indexes: Uint32Array | readonly number[],
  filters: Filters,
  lang: Lang,
): ViewCaption {
  const types = new Set<string>();
  const outlets = new Set<string>();
  let first: string | null = null;
  let last: string | null = null;
  for (const index of indexes) {
    const feature = collection.features[index];
    if (!feature) continue;
    const p = feature.properties;
    types.add(p.event_type);
    for (const claim of p.claims) {
      outlets.add(claim.source.outlet[lang] || claim.source.outlet[lang === "en" ? "ar" : "en"]);
    }
    if (first === null || p.date_start < first) first = p.date_start;
    if (last === null || p.date_end > last) last = p.date_end;
  }
  return captionOf(collection.meta, types, outlets, first, last, filters, lang);
}

/**
 * describeCaption from the incident table's columns (positions `visible`): no incident's text is needed, so an
 * image of a million incidents is captioned without fetching a shard.
 */
export function describeTableCaption(
  table: Pick<IncidentTable, "meta" | "type" | "dayStart" | "dayEnd" | "sources">,
  visible: Uint32Array,
  filters: Filters,
  lang: Lang,
): ViewCaption {
  const { meta } = table;
  const typeSeen = new Uint8Array(meta.event_types.length + 1);
  const sourceSeen = new Uint8Array(meta.sources.length + 1);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const { offsets, codes } = table.sources;
  for (let k = 0; k < visible.length; k++) {
    const p = visible[k] as number;
    typeSeen[table.type[p] as number] = 1;
    for (let e = offsets[p] as number; e < (offsets[p + 1] as number); e++)
      sourceSeen[codes[e] as number] = 1;
    first = Math.min(first, table.dayStart[p] as number);
    last = Math.max(last, table.dayEnd[p] as number);
  }
  const types = new Set(meta.event_types.filter((_, code) => typeSeen[code] === 1).map((type) => type.id));
  const outlets = new Set(
    meta.sources
      .filter((_, code) => sourceSeen[code] === 1)
      .map((source) => source.outlet[lang] || source.outlet[lang === "en" ? "ar" : "en"]),
  );
  const empty = visible.length === 0;
  return captionOf(
    meta,
    types,
    outlets,
    empty ? null : dayNumberToIsoDay(first),
    empty ? null : dayNumberToIsoDay(last),
    filters,
    lang,
  );
}

function captionOf(
  meta: CollectionMeta,
  types: ReadonlySet<string>,
  outlets: ReadonlySet<string>,
  first: string | null,
  last: string | null,
  filters: Filters,
  lang: Lang,
): ViewCaption {
  // The filter's bounds when set; otherwise what the incidents themselves span.
  const from = filters.from ?? first;
  const to = filters.to ?? last;
  const outletList = [...outlets].sort((a, b) => a.localeCompare(b, LOCALES[lang]));
  const words = messagesFor(lang).describe;
  return {
    filtersInWords: describeView(filters, meta, lang),
    dateRange: describeDateRange(from, to, lang),
    legend: eventTypesOf(meta)
      .filter((type) => types.has(type.id))
      .map((type) => ({ label: type.name[lang], color: type.color })),
    sourceCredits:
      outletList.length === 0
        ? ""
        : formatMessage(words.credits, { outlets: outletList.join(words.creditSeparator) }, lang),
  };
}

/** The collection's event types; the documented vocabulary when a collection was written without them. */
function eventTypesOf(meta: CollectionMeta): CollectionMeta["event_types"] {
  return meta.event_types.length > 0 ? meta.event_types : [...EVENT_TYPES];
}

function listOf(names: string[], lang: Lang): string {
  if (names.length > MAX_LISTED) {
    // Cut lists end with "+N more"; Intl.ListFormat would put "or" (and in Arabic a second "و") before it.
    const shown = names.slice(0, MAX_LISTED - 1);
    const words = messagesFor(lang).describe;
    const more = formatMessage(words.more, { count: names.length - shown.length }, lang);
    return [...shown, more].join(words.listSeparator);
  }
  // Any of the listed values matches, so the list reads "A, B or C".
  return new Intl.ListFormat(LOCALES[lang], { type: "disjunction" }).format(names);
}
