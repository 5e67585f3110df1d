import { useMemo, useRef } from "preact/hooks";
import {
  activeFilterChips,
  type ChipKey,
  createFilterVocabulary,
  type FilterChip,
} from "../../core/active-filters.ts";
import { describeDateRange, formatDate } from "../../core/describe-view.ts";
import { pickText } from "../../core/format.ts";
import { withFilterRemoved, withFiltersCleared } from "../../core/view-actions.ts";
import type { Lang } from "../../core/view-state.ts";
import { formatMessage, type Messages, messagesFor } from "../../i18n/messages.ts";
import type { Store } from "../../state/store.ts";
import "./ActiveFilterChips.css";

/** What each chip kind is called, for the chip's accessible name. */
function chipKindLabel(key: ChipKey, s: Messages["filters"]): string {
  const labels: Record<ChipKey, string> = {
    date: s.dates,
    actor: s.actor,
    role: s.role,
    source: s.source,
    type: s.type,
    gov: s.governorate,
    q: s.search,
  };
  return labels[key];
}

function chipText(chip: FilterChip, lang: Lang): string {
  if (chip.range) return describeDateRange(chip.range.from, chip.range.to, lang);
  const name = pickText(chip.name, lang).text;
  if (chip.key === "source" && chip.detail)
    return `${name} (${formatDate(chip.detail, chip.detail.length === 4 ? "year" : chip.detail.length === 7 ? "month" : "day", lang)})`;
  if (chip.key === "q") return `“${name}”`;
  return name;
}

/**
 * The active filters as removable chips, "clear all", the live count "N of M incidents", and — when nothing
 * matches — a message that offers to clear. In a locked embed the chips are shown but cannot be removed.
 */
export function ActiveFilterChips({ store }: { store: Store }) {
  const view = store.view.value;
  const lang = view.lang;
  const s = messagesFor(lang).filters;
  const vocabulary = useMemo(() => createFilterVocabulary(store.meta), [store.meta]);
  const chips = activeFilterChips(view.filters, vocabulary);
  const shown = store.visible.value.length;
  const total = store.table.count;
  // A text search waiting for its text has no result yet: say so, not "0 of N" and "nothing matches".
  const pending = store.searchPending.value;
  const locked = view.embed.locked;
  const root = useRef<HTMLElement>(null);
  // A button that removes itself would leave focus on <body>: after the page has re-rendered, focus goes to the
  // chip that took its place (the next, else the previous), else to the count, which says what is shown now.
  const focusAfterRemoval = (chipTestId: string | null) => {
    requestAnimationFrame(() => {
      const chip = chipTestId
        ? root.current?.querySelector<HTMLElement>(`[data-testid="${chipTestId}"]`)
        : null;
      (chip ?? root.current?.querySelector<HTMLElement>(".filter-count"))?.focus();
    });
  };
  const chipTestId = (chip: FilterChip | undefined) => (chip ? `chip-${chip.key}-${chip.value}` : null);
  const clear = () => {
    store.update(withFiltersCleared);
    focusAfterRemoval(null);
  };

  return (
    // A labelled region: the count, the chips and the no-results message are then inside a landmark (axe region).
    <section class="filter-chips" aria-label={s.filterResults} data-testid="filter-chips" ref={root}>
      <p
        class="filter-count"
        tabIndex={-1}
        role="status"
        aria-live="polite"
        data-testid="filter-count"
        data-shown={shown}
        data-total={total}
      >
        {pending ? messagesFor(lang).listSearchPending : formatMessage(s.count, { shown, total }, lang)}
      </p>
      {chips.length > 0 && (
        <ul class="chip-list" aria-label={s.activeFilters}>
          {chips.map((chip, i) => {
            const kind = chipKindLabel(chip.key, s);
            const text = chipText(chip, lang);
            return (
              <li key={`${chip.key}:${chip.value}`}>
                {locked ? (
                  <span class="chip">
                    <span class="chip-kind">{kind}:</span> {text}
                  </span>
                ) : (
                  <button
                    type="button"
                    class="chip"
                    aria-label={formatMessage(s.removeChip, { kind, name: text }, lang)}
                    data-testid={`chip-${chip.key}-${chip.value}`}
                    onClick={() => {
                      store.update((v) => withFilterRemoved(v, chip));
                      focusAfterRemoval(chipTestId(chips[i + 1] ?? chips[i - 1]));
                    }}
                  >
                    <span class="chip-kind">{kind}:</span> <bdi>{text}</bdi>
                    <span class="chip-remove" aria-hidden="true">
                      ×
                    </span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {chips.length > 0 && !locked && (
        <button type="button" class="button chip-clear" data-testid="clear-filters" onClick={clear}>
          {s.clearAll}
        </button>
      )}
      {shown === 0 && total > 0 && !pending && (
        <div class="filter-empty" data-testid="filter-empty">
          <p>{s.emptyResult}</p>
          {!locked && (
            <button type="button" class="button primary" data-testid="filter-empty-clear" onClick={clear}>
              {s.emptyClear}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
