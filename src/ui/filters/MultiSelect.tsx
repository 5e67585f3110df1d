import { useId, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { normalizeText, searchTerms } from "../../core/normalize-text.ts";
import type { Lang } from "../../core/view-state.ts";
import { formatMessage, type Messages } from "../../i18n/messages.ts";
import "./MultiSelect.css";

export interface MultiSelectOption {
  id: string;
  label: string;
  /** Smaller words after the label (a source's date). */
  detail?: string;
  /** Folded text the search box matches (names in both languages, aliases…). */
  search: string;
}

interface MultiSelectProps {
  label: string;
  testId: string;
  options: readonly MultiSelectOption[];
  selected: readonly string[];
  onToggle: (id: string) => void;
  /** Label of the search box; no search box when absent (short lists). */
  searchLabel?: string;
  s: Messages["filters"];
  /** The language counts are written in. */
  lang: Lang;
}

/** More options than this are not rendered at once: the search box narrows them (sources reach thousands). */
const MAX_SHOWN = 80;

/**
 * A disclosure button opening a list of checkboxes, with a search box for long lists. Native checkboxes
 * carry the semantics; Escape or "Done" closes and gives focus back to the button; focus leaving it closes it.
 */
export function MultiSelect({
  label,
  testId,
  options,
  selected,
  onToggle,
  searchLabel,
  s,
  lang,
}: MultiSelectProps) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const search = useRef<HTMLInputElement>(null);

  const matches = useMemo(() => {
    const terms = searchTerms(text);
    if (terms.length === 0) return options;
    return options.filter((option) => terms.every((term) => option.search.includes(term)));
  }, [options, text]);
  // Chosen options stay listed first, whatever the search, so they can always be unticked.
  const shown = useMemo(() => {
    const chosen = options.filter((o) => selected.includes(o.id));
    const rest = matches.filter((o) => !selected.includes(o.id));
    return [...chosen, ...rest.slice(0, Math.max(0, MAX_SHOWN - chosen.length))];
  }, [options, matches, selected]);
  const hidden = matches.filter((o) => !selected.includes(o.id)).length - (shown.length - selected.length);

  // In a layout effect: the listeners are in place as soon as the panel is drawn, not a frame later, so focus that
  // leaves at once (a quick Tab) still closes it.
  useLayoutEffect(() => {
    if (!open) return;
    search.current?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    // Escape closes the list (and is not passed on: it would also close the incident panel).
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !root.current?.contains(event.target as Node)) return;
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
    };
    // Focus moving elsewhere (Tab past the last option, another pop-up's button) closes it too: two open at
    // once would cover each other.
    const onFocusOut = (event: FocusEvent) => {
      const next = event.relatedTarget as Node | null;
      if (next && root.current && !root.current.contains(next)) setOpen(false);
    };
    const element = root.current;
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown, true);
    element?.addEventListener("focusout", onFocusOut);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown, true);
      element?.removeEventListener("focusout", onFocusOut);
    };
  }, [open]);

  function close(): void {
    setOpen(false);
    button.current?.focus();
  }

  const names = options.filter((o) => selected.includes(o.id)).map((o) => o.label);
  const summary =
    names.length === 0
      ? s.anyChoice
      : names.length === 1
        ? names[0]
        : formatMessage(s.chosenCount, { count: names.length }, lang);

  return (
    <div class={open ? "multi-select open" : "multi-select"} ref={root}>
      <button
        type="button"
        class="filter-field-button"
        ref={button}
        aria-expanded={open}
        aria-controls={panelId}
        data-testid={testId}
        onClick={() => setOpen(!open)}
      >
        <span class="filter-field-label">{label}</span>
        <span class={names.length > 0 ? "filter-field-value chosen" : "filter-field-value"}>{summary}</span>
      </button>
      {open && (
        <fieldset class="multi-select-panel" id={panelId}>
          <legend class="sr-only">{label}</legend>
          {searchLabel && (
            <input
              ref={search}
              type="search"
              class="filter-input"
              aria-label={searchLabel}
              placeholder={searchLabel}
              value={text}
              data-testid={`${testId}-search`}
              onInput={(event) => setText(event.currentTarget.value)}
            />
          )}
          <ul class="multi-select-options" data-testid={`${testId}-options`}>
            {shown.map((option) => (
              <li key={option.id}>
                <label>
                  <input
                    type="checkbox"
                    value={option.id}
                    checked={selected.includes(option.id)}
                    onChange={() => onToggle(option.id)}
                  />
                  <span>{option.label}</span>
                  {option.detail && <small class="muted">{option.detail}</small>}
                </label>
              </li>
            ))}
          </ul>
          {matches.length === 0 && <p class="muted">{formatMessage(s.noMatch, { text }, lang)}</p>}
          {hidden > 0 && <p class="muted">{formatMessage(s.moreOptions, { count: hidden }, lang)}</p>}
          <button type="button" class="button" onClick={close}>
            {s.done}
          </button>
        </fieldset>
      )}
    </div>
  );
}

/** Folded search text of several names. */
export function searchTextOf(...names: string[]): string {
  return normalizeText(names.join(" "));
}
