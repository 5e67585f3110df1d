import { EMBED_SIZE } from "../../core/embed-snippet.ts";
import type { IncidentRow } from "../../core/incident-row.ts";
import type { Lang } from "../../core/view-state.ts";

/** What the journalist chose in the embed generator; sizes as typed (normalised when the code is made). */
export interface EmbedChoices {
  locked: boolean;
  controls: boolean;
  timeline: boolean;
  lang: Lang;
  /** Id of the incident the embed opens with; "" for none. */
  preselected: string;
  widthText: string;
  heightText: string;
  responsive: boolean;
}

/** Starting choices of the embed generator: a journalist's embed should stay as chosen, so filters are locked. */
export function defaultEmbedChoices(lang: Lang, selected: string | null): EmbedChoices {
  return {
    locked: true, // readers explore, but cannot change what the article's map shows
    controls: false, // compact: the filter controls take room a 300×250 frame does not have
    timeline: true, // the timeline explains the date range at a glance
    lang,
    preselected: selected ?? "",
    widthText: String(EMBED_SIZE.defaultWidth),
    heightText: String(EMBED_SIZE.defaultHeight),
    responsive: true, // articles are read on phones
  };
}

/** An incident's title in `lang`, or in the other language when it has none. */
export function titleOf(row: IncidentRow, lang: Lang): string {
  const title = row.title;
  return title[lang] || title[lang === "en" ? "ar" : "en"];
}
