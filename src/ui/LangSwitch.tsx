import type { Lang } from "../core/view-state.ts";
import { messagesFor } from "../i18n/messages.ts";

/** The button that switches the page to the other language; it names that language in that language. */
export function LangSwitch({ lang, testId, onSwitch }: { lang: Lang; testId: string; onSwitch: () => void }) {
  const m = messagesFor(lang);
  return (
    <button
      type="button"
      class="button lang-switch"
      lang={m.langSwitchCode}
      title={m.langSwitchTitle}
      data-testid={testId}
      onClick={onSwitch}
    >
      {m.langSwitch}
    </button>
  );
}
