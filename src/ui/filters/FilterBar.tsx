import { useEffect, useId, useMemo, useRef, useState } from "preact/hooks";
import { dayNumberToIsoDay } from "../../core/day-number.ts";
import { formatDate } from "../../core/describe-view.ts";
import { pickText } from "../../core/format.ts";
import {
  withActorToggled,
  withDateRange,
  withGovernorateToggled,
  withQuery,
  withRole,
  withSourceToggled,
  withTypeToggled,
} from "../../core/view-actions.ts";
import type { ActorRole, Lang } from "../../core/view-state.ts";
import { EVENT_TYPES } from "../../core/vocabulary.ts";
import { messagesFor } from "../../i18n/messages.ts";
import type { Store } from "../../state/store.ts";
import { DateField } from "./DateField.tsx";
import { MultiSelect, type MultiSelectOption, searchTextOf } from "./MultiSelect.tsx";
import "./FilterBar.css";

const ROLES: readonly ActorRole[] = ["any", "perpetrator", "target", "claimant"];

/** Typing updates the store after this pause: each keystroke would otherwise re-filter and re-draw the map. */
const SEARCH_DELAY_MS = 150;

function byLabel(lang: Lang) {
  const collator = new Intl.Collator(lang);
  return (a: MultiSelectOption, b: MultiSelectOption) => collator.compare(a.label, b.label);
}

/**
 * The filter controls: dates, actors (searchable by any name or alias) with their role, sources (outlet
 * and date), event types, governorates and a text search. Every control writes the store through a pure
 * `with*` action; the store is the only state, so the chips, timeline, list, map and URL follow.
 */
export function FilterBar({ store }: { store: Store }) {
  const view = store.view.value;
  const { filters, lang } = view;
  const m = messagesFor(lang);
  const s = m.filters;
  const meta = store.meta;
  const index = store.table;
  const locked = view.embed.locked;

  const actorOptions = useMemo(
    () =>
      meta.actors
        .map((a) => ({
          id: a.id,
          label: pickText(a.name, lang).text || a.id,
          search: searchTextOf(a.name.en, a.name.ar, ...a.aliases),
        }))
        .sort(byLabel(lang)),
    [meta, lang],
  );
  const sourceOptions = useMemo(() => {
    const compare = byLabel(lang);
    return (
      meta.sources
        .map((source) => {
          const label = pickText(source.outlet, lang).text || source.id;
          const date = formatDate(source.published, source.published_precision, lang);
          const option: MultiSelectOption = {
            id: source.id,
            label,
            detail: date,
            search: searchTextOf(source.outlet.en, source.outlet.ar, source.published, date),
          };
          return { option, published: source.published };
        })
        // Outlet, then newest first: comparing one outlet's articles over time is the common task.
        .sort((a, b) => compare(a.option, b.option) || b.published.localeCompare(a.published))
        .map(({ option }) => option)
    );
  }, [meta, lang]);
  const typeOptions = useMemo(() => {
    const types = meta.event_types.length > 0 ? meta.event_types : EVENT_TYPES;
    return types.map((t) => ({
      id: t.id,
      label: pickText(t.name, lang).text,
      search: searchTextOf(t.name.en, t.name.ar),
    }));
  }, [meta, lang]);
  const governorateOptions = useMemo(
    () =>
      meta.governorates
        .map((g) => ({
          id: g.id,
          label: pickText(g.name, lang).text || g.id,
          search: searchTextOf(g.name.en, g.name.ar, g.id),
        }))
        .sort(byLabel(lang)),
    [meta, lang],
  );

  // The search box keeps what the reader typed; the store follows after a pause, and the box follows the
  // store when the text changes elsewhere (a chip removed, Back).
  const [text, setText] = useState(filters.q);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (timer.current === undefined) setText(filters.q);
  }, [filters.q]);
  useEffect(() => () => clearTimeout(timer.current), []);
  function onSearchInput(value: string): void {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = undefined;
      store.update((v) => withQuery(v, value));
    }, SEARCH_DELAY_MS);
  }

  const [expanded, setExpanded] = useState(false);
  const fieldsId = useId();

  const minDate = index.count > 0 ? dayNumberToIsoDay(index.minDay) : undefined;

  const active =
    filters.actors.length +
    filters.sources.length +
    filters.types.length +
    filters.governorates.length +
    (filters.from !== null || filters.to !== null ? 1 : 0) +
    (filters.q.trim() !== "" ? 1 : 0);

  return (
    <form
      class={expanded ? "filter-bar expanded" : "filter-bar"}
      aria-label={s.filtersLabel}
      data-testid="filter-bar"
      onSubmit={(event) => event.preventDefault()}
    >
      {/* On a phone the fields fold away behind this button, or they would leave no room for the map. */}
      <button
        type="button"
        class="button filter-bar-toggle"
        aria-expanded={expanded}
        aria-controls={fieldsId}
        data-testid="filter-bar-toggle"
        onClick={() => setExpanded(!expanded)}
      >
        {active > 0 ? `${s.filtersLabel} (${active})` : s.filtersLabel}
      </button>
      <fieldset class="filter-fields" id={fieldsId} disabled={locked}>
        <legend class="sr-only">{s.filtersLabel}</legend>
        {locked && <p class="filter-locked muted">{s.locked}</p>}
        <fieldset class="filter-dates">
          <legend class="sr-only">{s.dates}</legend>
          <DateField
            label={s.from}
            value={filters.from}
            lang={lang}
            example={minDate ?? "2022-01-20"}
            testId="filter-from"
            onCommit={(from) => store.update((v) => withDateRange(v, from, v.filters.to))}
          />
          <DateField
            label={s.to}
            value={filters.to}
            lang={lang}
            example={minDate ?? "2022-01-20"}
            testId="filter-to"
            onCommit={(to) => store.update((v) => withDateRange(v, v.filters.from, to))}
          />
        </fieldset>
        <fieldset class="filter-actor">
          <legend class="sr-only">{s.actor}</legend>
          <MultiSelect
            lang={lang}
            label={s.actor}
            testId="filter-actor"
            options={actorOptions}
            selected={filters.actors}
            onToggle={(id) => store.update((v) => withActorToggled(v, id))}
            searchLabel={s.actorSearch}
            s={s}
          />
          <label class="filter-field">
            <span class="filter-field-label">{s.role}</span>
            <select
              class="filter-input"
              value={filters.role}
              data-testid="filter-role"
              onChange={(event) => {
                const role = event.currentTarget.value as ActorRole;
                store.update((v) => withRole(v, role));
              }}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {m.roles[role]}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <MultiSelect
          lang={lang}
          label={s.source}
          testId="filter-source"
          options={sourceOptions}
          selected={filters.sources}
          onToggle={(id) => store.update((v) => withSourceToggled(v, id))}
          searchLabel={s.sourceSearch}
          s={s}
        />
        <MultiSelect
          lang={lang}
          label={s.type}
          testId="filter-type"
          options={typeOptions}
          selected={filters.types}
          onToggle={(id) => store.update((v) => withTypeToggled(v, id))}
          s={s}
        />
        <MultiSelect
          lang={lang}
          label={s.governorate}
          testId="filter-gov"
          options={governorateOptions}
          selected={filters.governorates}
          onToggle={(id) => store.update((v) => withGovernorateToggled(v, id))}
          s={s}
        />
        <label class="filter-field filter-search">
          <span class="filter-field-label">{s.search}</span>
          <input
            type="search"
            class="filter-input"
            placeholder={s.searchPlaceholder}
            value={text}
            data-testid="filter-q"
            onInput={(event) => onSearchInput(event.currentTarget.value)}
            onFocus={() => store.prepareSearch()}
          />
        </label>
      </fieldset>
    </form>
  );
}
