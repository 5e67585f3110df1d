import { useEffect, useId, useRef, useState } from "preact/hooks";
import { readDate, showDate } from "../../core/date-text.ts";
import type { Lang } from "../../core/view-state.ts";
import { formatMessage, messagesFor } from "../../i18n/messages.ts";
import "./DateField.css";

interface DateFieldProps {
  label: string;
  /** The filter's day (ISO), or null. */
  value: string | null;
  lang: Lang;
  /** An example day for the error message: the data's first day. */
  example: string;
  testId: string;
  onCommit: (iso: string | null) => void;
}

/**
 * A date typed as year-month-day in the page's language and digits, not the browser's date control (which writes
 * mm/dd/yyyy in an English browser whatever the page's language). A complete day is taken as it is typed; text that
 * is not a day is kept as typed and, once the reader leaves the field, named as the problem with an example.
 */
export function DateField({ label, value, lang, example, testId, onCommit }: DateFieldProps) {
  const s = messagesFor(lang).filters;
  const [text, setText] = useState(() => showDate(value, lang));
  const [invalid, setInvalid] = useState(false);
  const errorId = useId();
  const shownLang = useRef(lang);

  // The field follows the filter when it changes (the timeline, Play, back and forward, dates swapped because they
  // were typed the wrong way round), but text that already means this day is left as the reader typed it.
  useEffect(() => {
    const newLang = shownLang.current !== lang;
    shownLang.current = lang;
    setText((typed) => {
      const read = readDate(typed);
      const same = read.kind === "day" ? read.iso === value : read.kind === "empty" && value === null;
      return same && !newLang ? typed : showDate(value, lang);
    });
    setInvalid(false);
  }, [value, lang]);

  const settle = () => {
    const read = readDate(text);
    setInvalid(read.kind === "invalid");
    // A day shows as the filter holds it: in the page's digits, and swapped if it was typed the wrong way round.
    if (read.kind === "day") setText(showDate(value, lang));
  };

  return (
    <label class="filter-field">
      <span class="filter-field-label">{label}</span>
      <input
        type="text"
        class="filter-input filter-date"
        value={text}
        placeholder={s.datePlaceholder}
        autocomplete="off"
        spellcheck={false}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        data-testid={testId}
        onInput={(event) => {
          const typed = event.currentTarget.value;
          setText(typed);
          const read = readDate(typed);
          if (read.kind === "day") onCommit(read.iso);
          else if (read.kind === "empty") onCommit(null);
          if (read.kind !== "invalid") setInvalid(false);
        }}
        onBlur={settle}
        onKeyDown={(event) => {
          if (event.key === "Enter") settle();
        }}
      />
      {invalid && (
        <span class="filter-date-error" id={errorId} data-testid={`${testId}-error`}>
          {formatMessage(s.dateInvalid, { example: showDate(example, lang) }, lang)}
        </span>
      )}
    </label>
  );
}
