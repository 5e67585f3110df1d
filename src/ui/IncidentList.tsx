import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { formatShortDate, pickText } from "../core/format.ts";
import type { IncidentRow } from "../core/incident-row.ts";
import { withSelected } from "../core/selection-actions.ts";
import type { Lang } from "../core/view-state.ts";
import { EVENT_TYPES } from "../core/vocabulary.ts";
import { formatMessage, messagesFor } from "../i18n/messages.ts";
import type { Store } from "../state/store.ts";
import { LocalText } from "./LocalText.tsx";
import { rowLayout } from "./row-layout.ts";
import { TypeMark } from "./TypeMark.tsx";
import "./IncidentList.css";

/**
 * A row's height before it is measured, and its least: rows grow with their text (long titles, a reader's own
 * text spacing), so each drawn row is measured and the rows after it move.
 */
export const LIST_ROW_HEIGHT = 72;
const OVERSCAN = 6; // rows rendered beyond each edge, so fast scrolling shows no blank band

const TYPES = new Map(EVENT_TYPES.map((type) => [type.id, type]));

/**
 * The incidents currently shown, by date. Virtualised: only the rows in view (plus overscan, plus the row
 * holding keyboard focus) are in the DOM. Keyboard: one tab stop (roving tabindex); arrows, Page Up/Down,
 * Home/End move; Enter or Space opens. Each row is a button inside a list item with its position in the set.
 */
export function IncidentList({ store }: { store: Store }) {
  const lang = store.view.value.lang;
  const m = messagesFor(lang);
  const selectedId = store.view.value.selected;
  // In date order by the filter's contract (tested in test/unit/core/filter.test.ts).
  const rows = store.visible.value;
  const count = rows.length;

  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  // Measured heights by table position (text depends on the incident, not on where the filter puts it).
  const measured = useRef(new Map<number, number>());
  const [measuredVersion, setMeasuredVersion] = useState(0);
  const layout = useMemo(() => rowLayout(rows, measured.current, LIST_ROW_HEIGHT), [rows, measuredVersion]);
  const rowObserver = useRef<ResizeObserver | null>(null);
  useLayoutEffect(() => {
    const observer = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const element = entry.target as HTMLElement;
        const position = Number(element.dataset.position);
        const height = Math.max(LIST_ROW_HEIGHT, Math.ceil(element.offsetHeight));
        if (measured.current.get(position) === height) continue;
        measured.current.set(position, height);
        changed = true;
      }
      if (changed) setMeasuredVersion((v) => v + 1);
    });
    rowObserver.current = observer;
    return () => observer.disconnect();
  }, []);
  const observeRow = (element: HTMLLIElement | null) => {
    if (element) rowObserver.current?.observe(element);
  };

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  // Keep the roving position valid when the filtered set shrinks.
  const activeRow = Math.min(active, Math.max(0, count - 1));

  // A selection made on the map (or anywhere) scrolls the list to it and makes it the roving position.
  // Found by feature index in the typed rows: no incident is decoded to compare ids.
  const selectedIndex = store.selectedIndex.value;
  const selectedRow = useMemo(
    () => (selectedIndex < 0 ? -1 : rows.indexOf(selectedIndex)),
    [selectedIndex, rows],
  );
  useEffect(() => {
    if (selectedRow < 0) return;
    setActive(selectedRow);
    scrollRowIntoView(selectedRow);
  }, [selectedRow]);

  function scrollRowIntoView(row: number): void {
    const element = viewport.current;
    if (!element) return;
    const top = layout.top(row);
    const bottom = layout.top(row + 1);
    if (top < element.scrollTop) element.scrollTop = top;
    else if (bottom > element.scrollTop + element.clientHeight) {
      element.scrollTop = bottom - element.clientHeight;
    }
    setScrollTop(element.scrollTop);
  }

  function moveTo(row: number): void {
    const next = Math.max(0, Math.min(count - 1, row));
    focusPending.current = true;
    setActive(next);
    scrollRowIntoView(next);
  }

  // Focus follows the keyboard's row, also when a later render (rows measured as they are drawn) replaces the
  // row's element and focus would fall to <body>; once the reader's focus is somewhere else, it is left there.
  useEffect(() => {
    if (!focusPending.current) return;
    const focused = document.activeElement;
    if (focused && focused !== document.body && !viewport.current?.contains(focused)) {
      focusPending.current = false;
      return;
    }
    const row = viewport.current?.querySelector<HTMLButtonElement>(`[data-row="${activeRow}"]`);
    if (row && focused !== row) row.focus();
  });

  function onKeyDown(event: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(height / LIST_ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: activeRow + 1,
      ArrowUp: activeRow - 1,
      PageDown: activeRow + page,
      PageUp: activeRow - page,
      Home: 0,
      End: count - 1,
    };
    const target = moves[event.key];
    if (target === undefined || count === 0) return;
    event.preventDefault();
    moveTo(target);
  }

  function open(row: number, incident: IncidentRow): void {
    setActive(row);
    store.update((view) => withSelected(view, incident.id));
  }

  // A row opened (Enter, a click) while its text was still on its way opens once the text arrives, if the list
  // still shows it in that place: the reader's key press is not lost.
  const openWhenLoaded = useRef<{ row: number; position: number } | null>(null);
  const waiting = openWhenLoaded.current;
  if (waiting && rows[waiting.row] !== waiting.position) openWhenLoaded.current = null;
  useEffect(() => {
    const pending = openWhenLoaded.current;
    if (!pending) return;
    const incident = store.row(pending.position);
    if (!incident) return;
    openWhenLoaded.current = null;
    open(pending.row, incident);
  });

  const first = Math.max(0, layout.rowAt(scrollTop) - OVERSCAN);
  const last = Math.min(count - 1, layout.rowAt(scrollTop + height) + OVERSCAN);
  const rendered: number[] = [];
  for (let row = first; row <= last; row++) rendered.push(row);
  // The focused row stays in the DOM even when scrolled away, or focus would fall back to <body>.
  if (count > 0 && (activeRow < first || activeRow > last)) rendered.push(activeRow);

  return (
    <div class="incident-list">
      <div class="list-header">
        <h2 id="list-heading">{m.listHeading}</h2>
        {/* Not a live region: the filter bar's count (role="status") already announces each change. */}
        <p class="count" data-testid="incident-count" data-count={count}>
          {formatMessage(m.incidentCount, { count }, lang)}
        </p>
      </div>
      <p id="list-hint" class="sr-only">
        {m.listHint}
      </p>
      {/* Messages sit above the scrolling box: one with no control inside must not scroll (a tiny list pane). */}
      {store.searchPending.value ? (
        <p class="list-empty" role="status">
          {m.listSearchPending}
        </p>
      ) : count === 0 ? (
        <p class="list-empty">{m.listEmpty}</p>
      ) : null}
      <div
        ref={viewport}
        class="list-viewport"
        id="incident-list"
        onScroll={(event) => setScrollTop((event.currentTarget as HTMLDivElement).scrollTop)}
      >
        {store.searchPending.value || count === 0 ? null : (
          <ul
            class="list-rows"
            aria-label={m.listLabel}
            aria-describedby="list-hint"
            data-testid="incident-list"
            style={{ height: `${layout.top(count)}px` }}
            onKeyDown={onKeyDown}
          >
            {rendered.map((row) => {
              const position = rows[row] as number;
              // Null while its text is on its way (its detail shard): the row holds its place and can take focus,
              // so the keyboard can move through rows not loaded yet; keyed by position, it stays the same element
              // (and keeps focus) when the text arrives.
              const p = store.row(position);
              const isSelected = p !== null && p.id === selectedId;
              return (
                <li
                  key={position}
                  class="list-row"
                  ref={observeRow}
                  data-position={position}
                  style={{ top: `${layout.top(row)}px` }}
                  aria-setsize={count}
                  aria-posinset={row + 1}
                >
                  <button
                    type="button"
                    class={
                      p === null
                        ? "row-button row-pending"
                        : isSelected
                          ? "row-button selected"
                          : "row-button"
                    }
                    data-row={row}
                    data-incident-id={p?.id}
                    tabIndex={row === activeRow ? 0 : -1}
                    aria-busy={p === null ? "true" : undefined}
                    aria-current={isSelected ? "true" : undefined}
                    onClick={() => {
                      if (p === null) openWhenLoaded.current = { row, position };
                      else open(row, p);
                    }}
                    onFocus={() => setActive(row)}
                  >
                    {p === null ? (
                      <>
                        <span class="row-swatch" aria-hidden="true" />
                        <span class="row-title">{m.listRowLoading}</span>
                      </>
                    ) : (
                      <RowText p={p} lang={lang} />
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}

/** A loaded row's text: its type mark, its date, type and place, and its title. */
function RowText({ p, lang }: { p: IncidentRow; lang: Lang }) {
  return (
    <>
      <TypeMark
        typeId={p.event_type}
        color={TYPES.get(p.event_type)?.color ?? "#777"}
        size={16}
        class="row-swatch"
      />
      <span class="row-meta">
        <span class="row-date">{formatShortDate(p, lang)}</span>
        <span aria-hidden="true"> · </span>
        <span class="sr-only">, </span>
        <span class="row-type">{TYPES.get(p.event_type)?.name[lang] ?? p.event_type}</span>
        <span aria-hidden="true"> · </span>
        <span class="sr-only">, </span>
        <span class="row-place">{pickText(p.placeName, lang).text}</span>
      </span>
      <span class="row-title">
        <LocalText text={p.title} lang={lang} />
      </span>
    </>
  );
}
