import type { Lang } from "../core/view-state.ts";
import { ar } from "./ar.ts";
import { en, type Messages } from "./en.ts";

export type { Messages } from "./en.ts";

const MESSAGES: Record<Lang, Messages> = { en, ar };

/** The catalogue of `lang`: general strings at the top, each feature's under its own key (`filters`, `share`, `check`). */
export function messagesFor(lang: Lang): Messages {
  return MESSAGES[lang];
}

/** Fills placeholders and plural choices, numbers in the language's digits: the one formatter. */
export { formatMessage } from "../core/format-message.ts";
