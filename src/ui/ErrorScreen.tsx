import type { Lang } from "../core/view-state.ts";
import { directionOf } from "../i18n/direction.ts";
import { messagesFor } from "../i18n/messages.ts";
import "./ErrorScreen.css";

/** Whole-page message when the incident data cannot be loaded, with a retry. */
export function ErrorScreen({
  lang,
  detail,
  onRetry,
}: {
  lang: Lang;
  /** What went wrong, as the loader says it (the file and what to do); shown as written, in its own language. */
  detail?: string;
  onRetry: () => void;
}) {
  const m = messagesFor(lang);
  return (
    <main class="error-screen" data-testid="data-error" dir={directionOf(lang)} lang={lang}>
      <div class="error-card" role="alert">
        <h1>{m.dataErrorTitle}</h1>
        <p>{m.dataErrorBody}</p>
        {detail ? (
          <p class="error-detail" lang="en" dir="ltr" data-testid="data-error-detail">
            {detail}
          </p>
        ) : null}
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
