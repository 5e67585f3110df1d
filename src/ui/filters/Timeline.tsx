import { useMemo, useRef } from "preact/hooks";
import { dayNumberToIsoDay, isoDayToDayNumber } from "../../core/day-number.ts";
import { formatDate } from "../../core/describe-view.ts";
import { LOCALES } from "../../core/format.ts";
import type { DatePrecision } from "../../core/incident.ts";
import { binIndexOf, binRange, type TimelineStep } from "../../core/timeline.ts";
import { withDateRange } from "../../core/view-actions.ts";
import { directionOf } from "../../i18n/direction.ts";
import { formatMessage, messagesFor } from "../../i18n/messages.ts";
import type { Store } from "../../state/store.ts";
import { BrushHandle } from "./BrushHandle.tsx";
import { brushKeyTarget } from "./brush-keys.ts";
import { SPAN_LANES, spanLinesOf } from "./span-lines.ts";
import { useBrushDrag } from "./use-brush-drag.ts";
import { useTimelinePlay } from "./use-timeline-play.ts";
import "./Timeline.css";

/** Axis labels at most. */
const MAX_TICKS = 8;

const PRECISION: Record<TimelineStep, DatePrecision> = { day: "day", month: "month", year: "year" };

/** As describe-view's formatDate, but one formatter per axis rather than one per label. */
const DATE_FORMATS: Record<DatePrecision, Intl.DateTimeFormatOptions> = {
  day: { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" },
  month: { month: "short", year: "numeric", timeZone: "UTC" },
  year: { year: "numeric", timeZone: "UTC" },
};

function percent(value: number): string {
  return `${(value * 100).toFixed(4)}%`;
}

/**
 * The timeline under the map: incidents per day, month or year (chosen from the data's span) for the current
 * filters except the date range, a brush selecting the date range (drag across the bars, or two keyboard
 * sliders), and a play button stepping the selected period through time. Incidents whose dates span several
 * bars are counted in each (the date filter's own rule) and drawn lighter; when few, also as lines.
 * Positions use logical properties, so in Arabic time runs from right to left.
 */
export function Timeline({ store }: { store: Store }) {
  const view = store.view.value;
  const { filters, lang } = view;
  const s = messagesFor(lang).filters;
  // The table's day columns; the bars count the filter's answer without its dates (the brush's choices).
  const index = store.table;
  const locked = view.embed.locked;

  const { edges, counts, contained, max, step, spans } = store.timeline.value;
  const last = counts.length - 1;
  const iso = dayNumberToIsoDay;
  const precision = PRECISION[step];

  const fromDay = filters.from === null ? null : isoDayToDayNumber(filters.from);
  const toDay = filters.to === null ? null : isoDayToDayNumber(filters.to);
  const hasRange = fromDay !== null || toDay !== null;
  const k0 = fromDay === null ? 0 : binIndexOf(edges, fromDay);
  const k1 = toDay === null ? last : Math.max(k0, binIndexOf(edges, toDay));

  /** Selects bars a..b (either order); a side at the very edge of the data stays open (null). */
  function selectBins(a: number, b: number): void {
    const lo = Math.max(0, Math.min(a, b));
    const hi = Math.min(last, Math.max(a, b));
    const range = binRange(edges, lo, hi);
    const from = lo <= 0 ? null : iso(range.start);
    const to = hi >= last ? null : iso(range.end);
    store.update((v) => withDateRange(v, from, to));
  }

  const { playing, setPlaying, togglePlay } = useTimelinePlay({ store, edges, k0, k1, hasRange, locked });
  const playButton = useRef<HTMLButtonElement>(null);
  const brush = useBrushDrag({
    binCount: counts.length,
    k0,
    k1,
    locked,
    selectBins,
    onStart: () => setPlaying(false),
  });

  function onHandleKeyDown(which: "start" | "end", event: KeyboardEvent): void {
    if (locked) return;
    const rtl = getComputedStyle(event.currentTarget as Element).direction === "rtl";
    const target = brushKeyTarget(event.key, event.shiftKey, rtl, which === "start" ? k0 : k1, last);
    if (target === null) return;
    event.preventDefault();
    setPlaying(false);
    if (which === "start") selectBins(Math.min(k1, Math.max(0, target)), k1);
    else selectBins(k0, Math.max(k0, Math.min(last, target)));
  }

  const spanLines = spanLinesOf(spans, edges, index.dayStart, index.dayEnd);

  // Bar and tick labels depend on the bins and the language only; Intl formatting per bar per render was
  // the timeline's main cost at 100k incidents.
  const labels = useMemo(() => {
    const date = new Intl.DateTimeFormat(LOCALES[lang], DATE_FORMATS[precision]);
    return Array.from(edges.subarray(0, -1), (day) => date.format(day * 86_400_000));
  }, [edges, lang, precision]);

  if (index.count === 0 || counts.length === 0) return null;

  const every = Math.max(1, Math.ceil(counts.length / MAX_TICKS));
  const stepLabel = step === "day" ? s.stepDay : step === "month" ? s.stepMonth : s.stepYear;
  const startText = formatDate(iso(edges[k0] as number), "day", lang);
  const endText = formatDate(iso((edges[k1 + 1] as number) - 1), "day", lang);

  return (
    <section class="timeline" aria-label={s.timelineLabel} data-testid="timeline" data-step={step}>
      <div class="timeline-head">
        <h2 class="timeline-title">
          {s.timelineLabel} <span class="muted">({stepLabel})</span>
        </h2>
        <button
          type="button"
          class="button timeline-play"
          title={s.playHint}
          disabled={locked}
          data-testid="timeline-play"
          data-playing={playing}
          ref={playButton}
          onClick={togglePlay}
        >
          {/* The label alone says the state (no aria-pressed too: it was announced twice). The arrow points the
              way time runs on the timeline: leftwards in Arabic. */}
          <span aria-hidden="true">{playing ? "❚❚" : directionOf(lang) === "rtl" ? "◀" : "▶"}</span>{" "}
          {playing ? s.pause : s.play}
        </button>
        {hasRange && !locked && (
          <button
            type="button"
            class="button timeline-all"
            data-testid="timeline-all"
            onClick={() => {
              setPlaying(false);
              store.update((v) => withDateRange(v, null, null));
              // This button goes away with the range: give focus to Play, beside it, not to <body>.
              requestAnimationFrame(() => playButton.current?.focus());
            }}
          >
            {s.showAllDates}
          </button>
        )}
      </div>
      <p class="sr-only" id="timeline-hint">
        {s.timelineHint}
      </p>
      <div
        class={locked ? "timeline-plot locked" : "timeline-plot"}
        ref={brush.plot}
        data-testid="timeline-brush"
        onPointerDown={brush.onPointerDown}
        onPointerMove={brush.onPointerMove}
        onPointerUp={brush.onPointerUp}
        onPointerCancel={brush.onPointerUp}
      >
        <div class="timeline-bars" aria-hidden="true">
          {Array.from(counts, (count, k) => {
            const spanning = count - (contained[k] as number);
            const out = hasRange && (k < k0 || k > k1);
            return (
              <div
                key={k}
                class={out ? "timeline-bin out" : "timeline-bin"}
                title={formatMessage(s.barTitle, { date: labels[k] ?? "", count, spanning }, lang)}
              >
                <div class="timeline-bar" style={{ height: percent(max > 0 ? count / max : 0) }}>
                  <div class="timeline-bar-spanning" style={{ flexGrow: spanning }} />
                  <div class="timeline-bar-contained" style={{ flexGrow: contained[k] as number }} />
                </div>
              </div>
            );
          })}
        </div>
        {/* Always there, so the timeline (and the map above it) keeps its height as filters change. */}
        <div class="timeline-spans" aria-hidden="true" style={{ blockSize: `${SPAN_LANES * 5}px` }}>
          {spanLines.map((line) => (
            <div
              key={line.i}
              class="timeline-span"
              style={{
                insetInlineStart: percent(line.start),
                inlineSize: percent(Math.max(0.004, line.end - line.start)),
                insetBlockStart: `${line.lane * 5}px`,
              }}
            />
          ))}
        </div>
        {hasRange && (
          <div
            class="timeline-selection"
            style={{
              insetInlineStart: percent(k0 / counts.length),
              inlineSize: percent((k1 - k0 + 1) / counts.length),
            }}
          />
        )}
        <BrushHandle
          which="start"
          bin={k0}
          last={last}
          label={s.brushStart}
          valueText={startText}
          offset={percent(k0 / counts.length)}
          locked={locked}
          onKeyDown={(event) => onHandleKeyDown("start", event)}
        />
        <BrushHandle
          which="end"
          bin={k1}
          last={last}
          label={s.brushEnd}
          valueText={endText}
          offset={percent((k1 + 1) / counts.length)}
          locked={locked}
          onKeyDown={(event) => onHandleKeyDown("end", event)}
        />
      </div>
      <div class="timeline-axis" aria-hidden="true">
        {Array.from({ length: Math.ceil(counts.length / every) }, (_, t) => {
          const k = t * every;
          return (
            <span key={k} class="timeline-tick" style={{ insetInlineStart: percent(k / counts.length) }}>
              {labels[k]}
            </span>
          );
        })}
      </div>
      <p
        class="timeline-legend muted"
        style={{ visibility: contained.every((c, k) => c === counts[k]) ? "hidden" : "visible" }}
      >
        {s.spansLegend}
      </p>
    </section>
  );
}
