/** What a user sees: every question the driver answers about the page, by part of the frame. */

import type { Frame } from "playwright-core";
import { articleQuestions } from "./article.ts";
import { controlQuestions } from "./controls.ts";
import { policyQuestions } from "./csp.ts";
import { frameQuestions } from "./frame.ts";
import { auditQuestions } from "./get-audits.ts";
import { filterQuestions } from "./get-filters.ts";
import { listQuestions } from "./get-list.ts";
import { mapQuestions } from "./get-map.ts";
import { imageQuestions } from "./images.ts";
import { popupQuestions } from "./popups.ts";

export function createGet(frame: Frame) {
  const list = listQuestions(frame);
  const map = mapQuestions(frame);
  const filters = filterQuestions(frame);
  return {
    ...list,
    ...map,
    ...filters,
    ...auditQuestions(frame),
    ...controlQuestions(frame),
    ...popupQuestions(frame),
    ...articleQuestions(frame),
    ...frameQuestions(frame),
    ...imageQuestions(frame),
    ...policyQuestions(frame),
    /** What the reader sees of the filtered set: the list (in order), the count over the chips, the map (sorted). */
    async shown(): Promise<{ listed: string[]; counted: number; drawn: string[] }> {
      const listed = await list.listedIds();
      const { shown } = await filters.filterCount();
      return { listed, counted: shown, drawn: await map.drawnIds() };
    },
  };
}
