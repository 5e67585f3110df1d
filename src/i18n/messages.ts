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

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function formatMessage(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
