import type { Lang } from "../core/view-state.ts";
import { directionOf } from "../i18n/direction.ts";
import { messagesFor } from "../i18n/messages.ts";

/** Whole-page message when the incident data cannot be loaded, with a retry. */
export function ErrorScreen({ lang, onRetry }: { lang: Lang; onRetry: () => void }) {
  const m = messagesFor(lang);
  return (
    <main class="error-screen" data-testid="data-error" dir={directionOf(lang)} lang={lang}>
      <div class="error-card" role="alert">
        <h1>{m.dataErrorTitle}</h1>
        <p>{m.dataErrorBody}</p>
        <button type="button" class="button primary" onClick={onRetry} data-testid="data-retry">
          {m.retry}
        </button>
      </div>
    </main>
  );
}

/** In place of the map when WebGL is missing: says why, the list and details beside it keep working. */
export function MapUnavailable({ lang }: { lang: Lang }) {
  const m = messagesFor(lang);
  return (
    <div class="map-unavailable" role="alert" data-testid="map-unavailable">
      <h2>{m.webglTitle}</h2>
      <p>{m.webglBody}</p>
    </div>
  );
}
