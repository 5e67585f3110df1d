import { pickText } from "../core/format.ts";
import type { Bilingual } from "../core/incident.ts";
import type { Lang } from "../core/view-state.ts";
import { directionOf } from "../i18n/direction.ts";
import { messagesFor } from "../i18n/messages.ts";
import "./LocalText.css";

/**
 * Sheet text in the active language. A missing translation shows the other language, marked with its own
 * lang/dir (so screen readers switch voice) and a small visible tag. Always text, never HTML.
 */
export function LocalText({ text, lang }: { text: Bilingual; lang: Lang }) {
  const picked = pickText(text, lang);
  if (!picked.fallback) return <>{picked.text}</>;
  const m = messagesFor(lang);
  return (
    <span class="fallback" lang={picked.lang} dir={directionOf(picked.lang)}>
      {picked.text}{" "}
      <small class="fallback-tag" lang={lang} title={m.fallbackTitle}>
        ({m.fallbackTag})
      </small>
    </span>
  );
}
