import { useEffect, useRef } from "preact/hooks";
import { numberFormatter } from "../core/format.ts";
import { messagesFor } from "../i18n/messages.ts";
import type { Store } from "../state/store.ts";
import { IncidentList } from "./IncidentList.tsx";
import { TitleBarButton } from "./TitleBarButton.tsx";
import { useTitleBarDrawer } from "./use-title-bar-drawer.ts";
import "./embed-list.css";

/**
 * In an embed the incident list folds into a button in the title bar, with the number of incidents shown: the
 * frame is the map's, but a keyboard or screen-reader user reaches every incident through the list. The button
 * opens it as a drawer over the top of the map; opening an incident or moving focus on folds it away (the details
 * take the room), Escape closes it and gives focus back to the button.
 */
export function EmbedList({ store }: { store: Store }) {
  const lang = store.view.value.lang;
  const m = messagesFor(lang);
  const count = store.visible.value.length;
  const drawer = useTitleBarDrawer();
  const { open, setOpen, drawerId, onKeyDown } = drawer;

  // An incident opened from the list: its details need the frame, and the panel takes focus.
  const selected = store.view.value.selected;
  const shownSelection = useRef(selected);
  useEffect(() => {
    if (selected !== shownSelection.current && selected !== null) setOpen(false);
    shownSelection.current = selected;
  }, [selected]);

  // Focus moving on to another control (Tab past the last stop, the Filters button) folds the list away, so that it
  // never lies under the Filters drawer. Focus lost to nothing (a row recycled by the virtual list) does not.
  function onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget;
    if (open && next instanceof Node && !(event.currentTarget as HTMLElement).contains(next)) setOpen(false);
  }

  return (
    <div class="embed-list" onFocusOut={onFocusOut}>
      <TitleBarButton drawer={drawer} testId="embed-list-button">
        <svg class="embed-list-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path d="M2 3.5h12M2 8h12M2 12.5h12" stroke="currentColor" stroke-width="2" fill="none" />
        </svg>
        {/* The name is what the button shows, so a spoken command matches it (WCAG 2.5.3). */}
        <span class="embed-list-label">{m.listHeading}</span>{" "}
        <span class="title-bar-count">{numberFormatter(lang).format(count)}</span>
      </TitleBarButton>
      <section
        id={drawerId}
        class="title-bar-drawer embed-list-drawer"
        hidden={!open}
        aria-labelledby="list-heading"
        onKeyDown={onKeyDown}
        data-map-overlay
        data-testid="embed-list-drawer"
      >
        <IncidentList store={store} />
      </section>
    </div>
  );
}
