import type { ComponentChildren } from "preact";
import { useMemo } from "preact/hooks";
import { activeFilterChips, createFilterVocabulary } from "../../core/active-filters.ts";
import { numberFormatter } from "../../core/format.ts";
import { formatMessage, messagesFor } from "../../i18n/messages.ts";
import type { Store } from "../../state/store.ts";
import { TitleBarButton } from "../TitleBarButton.tsx";
import { useTitleBarDrawer } from "../use-title-bar-drawer.ts";

/**
 * In an embed the filters (the controls when the embed shows them, the active filters and the count) fold into one
 * "Filters" button in the title bar, with the number of active filters: the frame is the map's. The button opens
 * them as a drawer over the top of the map; Escape or "Done" closes it and gives focus back to the button.
 */
export function EmbedFilters({ store, children }: { store: Store; children: ComponentChildren }) {
  const view = store.view.value;
  const lang = view.lang;
  const s = messagesFor(lang).filters;
  const vocabulary = useMemo(() => createFilterVocabulary(store.meta), [store.meta]);
  const active = activeFilterChips(view.filters, vocabulary).length;
  const drawer = useTitleBarDrawer();
  const { open, drawerId, close, onKeyDown } = drawer;

  return (
    <div class="embed-filters">
      <TitleBarButton
        drawer={drawer}
        testId="embed-filters-button"
        ariaLabel={active > 0 ? formatMessage(s.filtersActive, { count: active }, lang) : undefined}
      >
        {s.filtersLabel}
        {active > 0 && (
          <span class="title-bar-count" aria-hidden="true">
            {numberFormatter(lang).format(active)}
          </span>
        )}
      </TitleBarButton>
      <section
        id={drawerId}
        class="title-bar-drawer embed-filters-drawer"
        hidden={!open}
        aria-label={s.filtersLabel}
        onKeyDown={onKeyDown}
        data-map-overlay
        data-testid="embed-filters-drawer"
      >
        {children}
        <button type="button" class="button embed-filters-done" onClick={close}>
          {s.done}
        </button>
      </section>
    </div>
  );
}
