import { useEffect, useRef } from "preact/hooks";
import {
  formatClaimFigures,
  formatIncidentDate,
  formatLocationPrecision,
  formatPublished,
  pickText,
} from "../core/format.ts";
import type { ActorRef, IncidentFeature } from "../core/incident.ts";
import type { IncidentRow } from "../core/incident-row.ts";
import type { Lang } from "../core/view-state.ts";
import { EVENT_TYPES } from "../core/vocabulary.ts";
import { messagesFor } from "../i18n/messages.ts";
import { ClaimList } from "./ClaimList.tsx";
import { LocalText } from "./LocalText.tsx";
import "./IncidentPanel.css";

function Actors({ actors, lang }: { actors: ActorRef[]; lang: Lang }) {
  if (actors.length === 0) return <span class="muted">{messagesFor(lang).noneNamed}</span>;
  return (
    <ul class="actors">
      {actors.map((actor) => (
        <li key={actor.id}>
          <span class="actor-swatch" style={{ background: actor.color }} aria-hidden="true" />
          <LocalText text={actor.name} lang={lang} />
        </li>
      ))}
    </ul>
  );
}

/** Every figure next to who claims it and where it was published; never a bare number. */
function Casualties({ incident, lang }: { incident: IncidentFeature; lang: Lang }) {
  const m = messagesFor(lang);
  const withFigures = incident.properties.claims.filter(
    (claim) => claim.killed !== null || claim.injured !== null || claim.captured !== null,
  );
  if (withFigures.length === 0) return <p class="muted">{m.noFigures}</p>;
  return (
    <ul class="casualties" data-testid="casualties">
      {withFigures.map((claim) => (
        <li key={claim.id}>
          <strong>
            <LocalText text={claim.claimant.name} lang={lang} />
          </strong>
          {m.claimFiguresSeparator}
          {formatClaimFigures(claim, lang)}{" "}
          <span class="muted">
            (<LocalText text={claim.source.outlet} lang={lang} />
            {m.listSeparator}
            {formatPublished(claim.source.published, claim.source.published_precision, lang)})
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The detail panel (side panel on desktop, bottom sheet on a phone) for the selected incident. */
export function IncidentPanel({
  incident,
  lang,
  onClose,
}: {
  incident: IncidentFeature;
  lang: Lang;
  onClose: () => void;
}) {
  const m = messagesFor(lang);
  const p = incident.properties;
  const heading = useRef<HTMLHeadingElement>(null);
  const type = EVENT_TYPES.find((t) => t.id === p.event_type);
  const position = pickText(p.position, lang).text ? p.position : p.place.name;

  // Focus moves to the title when another incident opens, so a screen reader announces it.
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [p.id]);

  return (
    <aside class="incident-panel" data-testid="incident-panel" aria-labelledby="incident-title">
      <div class="panel-bar">
        <p class="event-type">
          <span class="type-swatch" style={{ background: type?.color ?? "#777" }} aria-hidden="true" />
          <span class="sr-only">{m.eventType}: </span>
          {type ? type.name[lang] : p.event_type}
        </p>
        <CloseButton lang={lang} onClose={onClose} />
      </div>
      <div class="panel-body">
        <h2 id="incident-title" tabIndex={-1} ref={heading}>
          <LocalText text={p.title} lang={lang} />
        </h2>
        {p.contested && (
          <p class="contested-badge" data-testid="contested">
            <strong>{m.contested}</strong> — {m.contestedNote}
          </p>
        )}
        <dl class="facts">
          <dt>{m.date}</dt>
          <dd data-testid="incident-date">{formatIncidentDate(p, lang)}</dd>
          <dt>{m.place}</dt>
          <dd data-testid="incident-place">
            <LocalText text={p.place.name} lang={lang} />
            {pickText(position, lang).text !== pickText(p.place.name, lang).text && (
              <>
                <br />
                <LocalText text={position} lang={lang} />
              </>
            )}
            <br />
            <span class="muted">{formatLocationPrecision(p.location_precision, p.radius_km, lang)}</span>
            {p.governorate && (
              <>
                <br />
                <span class="muted">
                  {m.governorate}: <LocalText text={p.governorate.name} lang={lang} />
                </span>
              </>
            )}
          </dd>
          <dt>{m.perpetrators}</dt>
          <dd>
            <Actors actors={p.perpetrators} lang={lang} />
          </dd>
          <dt>{m.targets}</dt>
          <dd>
            <Actors actors={p.targets} lang={lang} />
          </dd>
        </dl>
        <section aria-labelledby="summary-heading">
          <h3 id="summary-heading">{m.summary}</h3>
          <p class="summary">
            <LocalText text={p.summary} lang={lang} />
          </p>
        </section>
        <section aria-labelledby="casualties-heading">
          <h3 id="casualties-heading">{m.casualties}</h3>
          <Casualties incident={incident} lang={lang} />
        </section>
        <section aria-labelledby="claims-heading">
          <h3 id="claims-heading">{m.claims}</h3>
          <ClaimList claims={p.claims} contested={p.contested} lang={lang} />
        </section>
      </div>
    </aside>
  );
}

/**
 * The panel of an incident whose claims and sources are still loading (a big sheet, just opened): its title
 * from the list row, and a status line instead of any claim, so nothing shows without its claimant.
 */
export function IncidentPanelPending({
  row,
  error,
  lang,
  onClose,
}: {
  /** Null while even its title is on its way (its shard, or its id's position, is being fetched). */
  row: IncidentRow | null;
  error: string | null;
  lang: Lang;
  onClose: () => void;
}) {
  const m = messagesFor(lang);
  return (
    <aside
      class="incident-panel"
      data-testid="incident-panel-pending"
      aria-labelledby="incident-title"
      aria-busy={error === null}
    >
      <div class="panel-bar">
        <span />
        <CloseButton lang={lang} onClose={onClose} />
      </div>
      <div class="panel-body">
        <h2 id="incident-title" tabIndex={-1}>
          {row ? <LocalText text={row.title} lang={lang} /> : m.panelLoading}
        </h2>
        <p role="status">{error === null ? m.panelLoading : error}</p>
      </div>
    </aside>
  );
}

/** The panel's close button (full and pending panels alike). */
function CloseButton({ lang, onClose }: { lang: Lang; onClose: () => void }) {
  const m = messagesFor(lang);
  return (
    <button
      type="button"
      class="icon-button close"
      onClick={onClose}
      aria-label={m.panelClose}
      title={m.panelClose}
      data-testid="panel-close"
    >
      <span aria-hidden="true">×</span>
    </button>
  );
}
