import type { Lang } from "../core/view-state.ts";
import { EVENT_TYPES } from "../core/vocabulary.ts";
import { messagesFor } from "../i18n/messages.ts";
import { TypeMark } from "./TypeMark.tsx";
import "./Legend.css";

/** The uncertainty circle and the aggregate as drawn by map/incident-layer.ts; keep the two in step. */
function LegendSymbol({ kind, color }: { kind: "uncertainty" | "cluster"; color: string }) {
  return (
    <svg class="legend-symbol" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
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

/** Event types (colour and shape) and what the symbols mean. A <details> so it folds away on a phone. */
export function Legend({ lang, open }: { lang: Lang; open: boolean }) {
  const m = messagesFor(lang);
  return (
    <details class="legend" open={open} data-map-overlay data-testid="legend">
      <summary>{m.legendTitle}</summary>
      <ul class="legend-list legend-types">
        {EVENT_TYPES.map((type) => (
          <li key={type.id}>
            <TypeMark typeId={type.id} color={type.color} class="legend-symbol" />
            <span>{type.name[lang]}</span>
          </li>
        ))}
      </ul>
      <ul class="legend-list legend-shapes">
        <li>
          <TypeMark typeId="" color="#777" class="legend-symbol" />
          <span>{m.legendExact}</span>
        </li>
        <li>
          <TypeMark typeId="" color="#777" hollow class="legend-symbol" />
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
