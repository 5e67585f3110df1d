import { EMBED_SIZE } from "../../core/embed-snippet.ts";
import { formatShortDate } from "../../core/format.ts";
import type { IncidentRow } from "../../core/incident-row.ts";
import type { Lang } from "../../core/view-state.ts";
import { formatMessage, messagesFor } from "../../i18n/messages.ts";
import { type EmbedChoices, titleOf } from "./embed-choices.ts";

/** At most this many incidents are offered for pre-selection: a select with 100k options is unusable. */
export const MAX_PRESELECT_OPTIONS = 300;

interface EmbedOptionsProps {
  choices: EmbedChoices;
  onChange: (patch: Partial<EmbedChoices>) => void;
  /** The incidents offered for pre-selection (the view's first, and the selected one). */
  preselectOptions: readonly IncidentRow[];
  /** How many incidents the view shows: more than are offered adds a note. */
  visibleCount: number;
  lang: Lang;
}

function Checkbox(props: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  testId: string;
  describedBy?: string;
}) {
  return (
    <label class="share-check">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
        aria-describedby={props.describedBy}
        data-testid={props.testId}
      />
      <span>{props.label}</span>
    </label>
  );
}

function SizeField(props: {
  label: string;
  min: number;
  max: number;
  value: string;
  onInput: (text: string) => void;
  testId: string;
}) {
  return (
    <label class="share-field">
      <span>{props.label}</span>
      <input
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        step={10}
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        data-testid={props.testId}
      />
    </label>
  );
}

/** The embed generator's choices: lock, controls, timeline, language, pre-selected incident, size. */
export function EmbedOptions({ choices, onChange, preselectOptions, visibleCount, lang }: EmbedOptionsProps) {
  const s = messagesFor(lang).share;
  return (
    <fieldset class="share-options">
      <legend>{s.optionsLegend}</legend>
      <Checkbox
        checked={choices.locked}
        onChange={(locked) => onChange({ locked })}
        label={s.lockFilters}
        testId="embed-lock"
        describedBy="share-lock-hint"
      />
      <p id="share-lock-hint" class="share-hint">
        {s.lockFiltersHint}
      </p>
      <Checkbox
        checked={!choices.controls}
        onChange={(hidden) => onChange({ controls: !hidden })}
        label={s.hideControls}
        testId="embed-hide-controls"
      />
      <Checkbox
        checked={choices.timeline}
        onChange={(timeline) => onChange({ timeline })}
        label={s.showTimeline}
        testId="embed-timeline"
      />
      <label class="share-field">
        <span>{s.language}</span>
        <select
          value={choices.lang}
          onChange={(event) => onChange({ lang: event.currentTarget.value === "ar" ? "ar" : "en" })}
          data-testid="embed-lang"
        >
          <option value="en" lang="en">
            {s.languageEn}
          </option>
          <option value="ar" lang="ar">
            {s.languageAr}
          </option>
        </select>
      </label>
      <label class="share-field">
        <span>{s.preselect}</span>
        <select
          value={choices.preselected}
          onChange={(event) => onChange({ preselected: event.currentTarget.value })}
          data-testid="embed-incident"
        >
          <option value="">{s.preselectNone}</option>
          {preselectOptions.map((row) => (
            <option key={row.id} value={row.id}>
              {`${formatShortDate(row, lang)} · ${titleOf(row, lang)}`}
            </option>
          ))}
        </select>
      </label>
      {visibleCount > MAX_PRESELECT_OPTIONS ? (
        <p class="share-hint">{formatMessage(s.preselectMore, { count: MAX_PRESELECT_OPTIONS }, lang)}</p>
      ) : null}
      <div class="share-size">
        <SizeField
          label={s.width}
          min={EMBED_SIZE.minWidth}
          max={EMBED_SIZE.maxWidth}
          value={choices.widthText}
          onInput={(widthText) => onChange({ widthText })}
          testId="embed-width"
        />
        <SizeField
          label={s.height}
          min={EMBED_SIZE.minHeight}
          max={EMBED_SIZE.maxHeight}
          value={choices.heightText}
          onInput={(heightText) => onChange({ heightText })}
          testId="embed-height"
        />
      </div>
      <Checkbox
        checked={choices.responsive}
        onChange={(responsive) => onChange({ responsive })}
        label={s.responsive}
        testId="embed-responsive"
      />
    </fieldset>
  );
}
