import type { Lang } from "../core/view-state.ts";
import { ar } from "./ar.ts";
import { en } from "./en.ts";

export type MessageKey = keyof typeof en;
/** Every language provides every key: a missing or extra key in `ar.ts` is a type error. */
export type Messages = Record<MessageKey, string>;

const MESSAGES: Record<Lang, Messages> = { en, ar };

export function messagesFor(lang: Lang): Messages {
  return MESSAGES[lang];
}

/** Fills placeholders and plural choices, numbers in the language's digits: the one formatter. */
export { formatMessage } from "../core/format-message.ts";
