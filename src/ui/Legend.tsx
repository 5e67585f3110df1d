import type { Lang } from "../core/view-state.ts";
import { EVENT_TYPES } from "../core/vocabulary.ts";
import { messagesFor } from "../i18n/messages.ts";

/** The symbols as drawn by map/incident-layer.ts; keep the two in step. */
function LegendSymbol({
  kind,
  color,
}: {
  kind: "exact" | "approximate" | "uncertainty" | "cluster";
  color: string;
}) {
  return (
    <svg class="legend-symbol" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
      {kind === "exact" && (
        <>
          <circle cx="10" cy="10" r="8" fill="#2b2b2b" fill-opacity="0.65" />
          <circle cx="10" cy="10" r="6.5" fill={color} />
        </>
      )}
      {kind === "approximate" && (
        <>
          <circle cx="10" cy="10" r="8" fill="#2b2b2b" fill-opacity="0.65" />
          <circle cx="10" cy="10" r="5.25" fill="#fff" stroke={color} stroke-width="2.5" />
        </>
      )}
      {kind === "uncertainty" && (
        <circle
          cx="10"
          cy="10"
          r="8.5"
          fill={color}
          fill-opacity="0.15"
          stroke={color}
          stroke-dasharray="2 2"
        />
      )}
      {kind === "cluster" && (
        <>
          <circle cx="10" cy="10" r="9" fill="#3d4a5c" stroke="#fff" stroke-width="1.5" />
          <text x="10" y="13.5" text-anchor="middle" font-size="9" font-weight="700" fill="#fff">
            5
          </text>
        </>
      )}
    </svg>
  );
}

/** Event-type colours and what the symbol shapes mean. A <details> so it folds away on a phone. */
export function Legend({ lang, open }: { lang: Lang; open: boolean }) {
  const m = messagesFor(lang);
  return (
    <details class="legend" open={open} data-map-overlay data-testid="legend">
      <summary>{m.legendTitle}</summary>
      <ul class="legend-list">
        {EVENT_TYPES.map((type) => (
          <li key={type.id}>
            <LegendSymbol kind="exact" color={type.color} />
            <span>{type.name[lang]}</span>
          </li>
        ))}
      </ul>
      <ul class="legend-list legend-shapes">
        <li>
          <LegendSymbol kind="exact" color="#777" />
          <span>{m.legendExact}</span>
        </li>
        <li>
          <LegendSymbol kind="approximate" color="#777" />
          <span>{m.legendApproximate}</span>
        </li>
        <li>
          <LegendSymbol kind="uncertainty" color="#777" />
          <span>{m.legendUncertainty}</span>
        </li>
        <li>
          <LegendSymbol kind="cluster" color="#3d4a5c" />
          <span>{m.legendCluster}</span>
        </li>
      </ul>
    </details>
  );
}
