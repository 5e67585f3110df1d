import type { Lang } from "../core/view-state.ts";

export type Direction = "ltr" | "rtl";

export function directionOf(lang: Lang): Direction {
  return lang === "ar" ? "rtl" : "ltr";
}
