/**
 * The keyboard, and only the keyboard: where focus is after each key, and Tab until a given control has it.
 * Works in the page or in an embed's frame.
 */

import type { Frame } from "./frame.ts";
import type { AppDriver } from "./types.ts";

/** Where keyboard focus is. `region` is the part of the page holding it (header, filter bar, map, list, panel). */
export interface FocusAt {
  /** "body" when focus fell to the page, "" when it is on an element without a test id. */
  testId: string;
  region: string;
  /** Top of the region on screen, in page coordinates: the order in which a reader sees the regions. */
  regionTop: number;
  /** Where the focused element is on the page: the top of its box, and whether it is a list row. */
  top: number;
  row: boolean;
  /** The focused element's classes. */
  classes: string;
}

const REGIONS = [
  ["header", ".app-header"],
  ["filter-bar", ".slot-filter-bar"],
  ["map", ".map-pane"],
  ["list", ".list-pane"],
  ["panel", ".panel-pane"],
] as const;

export async function focusAt(target: Frame | AppDriver["page"]): Promise<FocusAt> {
  return target.evaluate((regions) => {
    const active = document.activeElement;
    if (!active || active === document.body)
      return { testId: "body", region: "", regionTop: 0, top: 0, row: false, classes: "" };
    let region = "";
    let regionTop = 0;
    for (const [name, selector] of regions) {
      const element = active.closest(selector);
      if (element) {
        region = name;
        regionTop = element.getBoundingClientRect().top + window.scrollY;
        break;
      }
    }
    return {
      testId: active.getAttribute("data-testid") ?? "",
      region,
      regionTop,
      top: active.getBoundingClientRect().top + window.scrollY,
      row: active.classList.contains("row-button"),
      classes: active.className.toString(),
    };
  }, REGIONS);
}

/**
 * Presses Tab (Shift+Tab when `backwards`) until `reached` says focus is where it should be, and returns every
 * place focus went on the way. Fails after `limit` presses.
 */
export async function tabUntil(
  app: Pick<AppDriver, "page">,
  reached: (at: FocusAt) => boolean,
  options: { frame?: Frame; limit?: number; backwards?: boolean } = {},
): Promise<FocusAt[]> {
  const visited: FocusAt[] = [];
  const target = options.frame ?? app.page;
  for (let press = 0; press < (options.limit ?? 60); press++) {
    await app.page.keyboard.press(options.backwards ? "Shift+Tab" : "Tab");
    const at = await focusAt(target);
    visited.push(at);
    if (reached(at)) return visited;
  }
  throw new Error(
    `Tab never reached the control; focus went to ${visited.map((v) => v.testId || v.region).join(", ")}`,
  );
}

/** Presses `key` and returns where focus is once the page has rendered what it changed. */
export async function pressKey(app: Pick<AppDriver, "page">, key: string, frame?: Frame): Promise<FocusAt> {
  await app.page.keyboard.press(key);
  const target = frame ?? app.page;
  await target.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  return focusAt(target);
}
