import { ar } from "../i18n/ar.ts";
import { en } from "../i18n/en.ts";
import type { Bilingual, CollectionMeta } from "./incident.ts";
import type { ActorRole, Filters } from "./view-state.ts";

/**
 * The active filters as removable chips, in a fixed order (date, actors, role, sources, types,
 * governorates, text). Pure: the UI picks the language and draws them; `withFilterRemoved(view, chip)`
 * removes one.
 */

export type ChipKey = "date" | "actor" | "role" | "source" | "type" | "gov" | "q";

export interface FilterChip {
  key: ChipKey;
  /** What the chip stands for: an id, a role, the search text, or "from..to" for the date range. */
  value: string;
  /** The value's name in both languages; an id missing from the vocabulary shows as itself. */
  name: Bilingual;
  /** A source's publication date ("2022-01-25", "2022-01", "2022"); null otherwise. */
  detail: string | null;
  /** The date chip's range (ISO days; null: open side); null for other chips. */
  range: { from: string | null; to: string | null } | null;
}

/** The name of an actor role in both languages, from the catalogues, as the role chip shows it. */
function roleName(role: ActorRole): Bilingual {
  return { en: en.roles[role], ar: ar.roles[role] };
}

/** id → what a chip needs to name it. */
export interface FilterVocabulary {
  actors: ReadonlyMap<string, Bilingual>;
  sources: ReadonlyMap<string, { outlet: Bilingual; published: string }>;
  types: ReadonlyMap<string, Bilingual>;
  governorates: ReadonlyMap<string, Bilingual>;
}

export function createFilterVocabulary(meta: CollectionMeta): FilterVocabulary {
  return {
    actors: new Map(meta.actors.map((a) => [a.id, a.name])),
    sources: new Map(meta.sources.map((s) => [s.id, { outlet: s.outlet, published: s.published }])),
    types: new Map(meta.event_types.map((t) => [t.id, t.name])),
    governorates: new Map(meta.governorates.map((g) => [g.id, g.name])),
  };
}

function same(text: string): Bilingual {
  return { en: text, ar: text };
}

function chip(key: ChipKey, value: string, name: Bilingual): FilterChip {
  return { key, value, name, detail: null, range: null };
}

/**
 * One chip per active filter value.
 * @example activeFilterChips({ ...NO_FILTERS, actors: ["sdf"], role: "target" }, vocabulary)
 * // [{ key: "actor", value: "sdf", name: { en: "Syrian Democratic Forces", … } }, { key: "role", value: "target", … }]
 */
export function activeFilterChips(filters: Filters, vocabulary: FilterVocabulary): FilterChip[] {
  const chips: FilterChip[] = [];
  if (filters.from !== null || filters.to !== null) {
    const text = `${filters.from ?? "…"} – ${filters.to ?? "…"}`;
    chips.push({
      ...chip("date", `${filters.from ?? ""}..${filters.to ?? ""}`, same(text)),
      range: { from: filters.from, to: filters.to },
    });
  }
  for (const id of filters.actors) chips.push(chip("actor", id, vocabulary.actors.get(id) ?? same(id)));
  // The role only narrows something when an actor is chosen.
  if (filters.role !== "any" && filters.actors.length > 0) {
    chips.push(chip("role", filters.role, roleName(filters.role)));
  }
  for (const id of filters.sources) {
    const source = vocabulary.sources.get(id);
    chips.push({ ...chip("source", id, source?.outlet ?? same(id)), detail: source?.published ?? null });
  }
  for (const id of filters.types) chips.push(chip("type", id, vocabulary.types.get(id) ?? same(id)));
  for (const id of filters.governorates)
    chips.push(chip("gov", id, vocabulary.governorates.get(id) ?? same(id)));
  if (filters.q.trim() !== "") chips.push(chip("q", filters.q, same(filters.q.trim())));
  return chips;
}
