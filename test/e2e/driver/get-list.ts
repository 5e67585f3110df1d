/** Questions about the incident list, the incident panel and what holds focus. */

import type { Frame } from "playwright-core";
import { nextFrames } from "./page-map.ts";

export function listQuestions(frame: Frame) {
  const fullPanel = () => frame.getByTestId("incident-panel");
  return {
    /** The count the list header states (from its data attribute, independent of the locale's digits). */
    async listedCount(): Promise<number> {
      const value = await frame.getByTestId("incident-count").getAttribute("data-count");
      return Number(value);
    },
    async countText(): Promise<string> {
      return (await frame.getByTestId("incident-count").textContent()) ?? "";
    },
    /** The first row's title, once its text has arrived (a row shows "Loading" until its detail shard does). */
    async firstRowTitle(): Promise<string> {
      const loaded = frame.locator('.list-rows .row-button[data-row="0"][data-incident-id] .row-title');
      return (await loaded.textContent()) ?? "";
    },
    /** Rows currently in the DOM (the list is virtualised). */
    async renderedRowCount(): Promise<number> {
      return frame.locator(".list-rows > li").count();
    },
    async rowIds(): Promise<string[]> {
      return frame.locator(".list-rows [data-incident-id]").evaluateAll((buttons) =>
        buttons
          .map((b) => ({
            id: b.getAttribute("data-incident-id") ?? "",
            row: Number(b.getAttribute("data-row")),
          }))
          .sort((a, b) => a.row - b.row)
          .map((b) => b.id),
      );
    },
    async rowTexts(): Promise<string[]> {
      return frame.locator(".list-rows .row-button").allTextContents();
    },
    async currentRowId(): Promise<string | null> {
      const current = frame.locator('.list-rows [aria-current="true"]');
      return (await current.count()) === 0 ? null : current.getAttribute("data-incident-id");
    },
    async focusedRowId(): Promise<string | null> {
      return frame.evaluate(() => document.activeElement?.getAttribute("data-incident-id") ?? null);
    },
    /** Position (0-based) in the list of the row holding keyboard focus, or -1. */
    async focusedRow(): Promise<number> {
      return frame.evaluate(() => Number(document.activeElement?.getAttribute("data-row") ?? -1));
    },
    /**
     * The list row holding keyboard focus, its position and incident id read together (a later render may replace
     * the row's element between two separate reads); null when focus is not on a row.
     */
    async focusedListRow(): Promise<{ row: number; id: string } | null> {
      return frame.evaluate(() => {
        const el = document.activeElement;
        const id = el?.getAttribute("data-incident-id");
        return el && id ? { row: Number(el.getAttribute("data-row")), id } : null;
      });
    },
    /** The id of the focused element, or its tag name when it has none. */
    async focusedElementId(): Promise<string> {
      return frame.evaluate(() => document.activeElement?.id || (document.activeElement?.tagName ?? ""));
    },
    /** What assistive technology reads for the list row of incident `id` (its accessibility tree, as YAML). */
    async rowSpoken(id: string): Promise<string> {
      return frame.locator(`.list-rows [data-incident-id="${id}"]`).ariaSnapshot();
    },
    async focusedText(): Promise<string> {
      return frame.evaluate(() => document.activeElement?.textContent ?? "");
    },
    /** The test id of the focused element; "body" when focus fell to the page, "" for an element without one. */
    async focusedTestId(): Promise<string> {
      return frame.evaluate(() =>
        document.activeElement === document.body
          ? "body"
          : (document.activeElement?.getAttribute("data-testid") ?? ""),
      );
    },
    async panelIsOpen(): Promise<boolean> {
      return (await frame.getByTestId("incident-panel").count()) > 0;
    },
    // The panel's claims and sources come with the incident's detail shard; until then the panel is pending and
    // its heading may still say it is loading (an embed's link opened in a new tab): these wait for the full panel.
    async panelTitle(): Promise<string> {
      await fullPanel().waitFor();
      return (await frame.locator("#incident-title").textContent()) ?? "";
    },
    async panelText(): Promise<string> {
      return (await fullPanel().textContent()) ?? "";
    },
    async claimTexts(): Promise<string[]> {
      await fullPanel().waitFor();
      return frame.getByTestId("claim").allTextContents();
    },
    async sourceLinks(): Promise<{ text: string; href: string }[]> {
      await fullPanel().waitFor();
      return frame
        .locator(".incident-panel .citation a")
        .evaluateAll((links) =>
          links.map((a) => ({ text: a.textContent ?? "", href: (a as HTMLAnchorElement).href })),
        );
    },
    async htmlDirAndLang(): Promise<{ dir: string; lang: string }> {
      return frame.evaluate(() => ({
        dir: document.documentElement.dir,
        lang: document.documentElement.lang,
      }));
    },
    async box(selector: string): Promise<{ x: number; y: number; width: number; height: number } | null> {
      return frame.locator(selector).first().boundingBox();
    },
    /** Every incident id the (virtualised) list holds, in list order: scrolls it through, then back to the top. */
    async listedIds(): Promise<string[]> {
      const viewport = frame.locator(".list-viewport");
      const count = Number(await frame.getByTestId("incident-count").getAttribute("data-count"));
      const seen = new Map<number, string>();
      for (let top = 0, guard = 0; seen.size < count && guard < 1000; guard++) {
        await viewport.evaluate((el, y) => {
          el.scrollTop = y;
        }, top);
        await nextFrames(frame);
        const rows = await frame
          .locator(".list-rows [data-incident-id]")
          .evaluateAll((buttons) =>
            buttons.map((b) => [
              Number(b.getAttribute("data-row")),
              b.getAttribute("data-incident-id") ?? "",
            ]),
          );
        for (const [row, id] of rows) seen.set(row as number, id as string);
        const { scrollTop, clientHeight, scrollHeight } = await viewport.evaluate((el) => ({
          scrollTop: el.scrollTop,
          clientHeight: el.clientHeight,
          scrollHeight: el.scrollHeight,
        }));
        if (scrollTop + clientHeight >= scrollHeight) {
          if (seen.size < count) await nextFrames(frame); // rows of the last scroll may still be rendering
          if (guard > 3 && seen.size < count) break;
        }
        top = Math.min(scrollTop + Math.max(1, clientHeight - 72), scrollHeight);
      }
      await viewport.evaluate((el) => {
        el.scrollTop = 0;
      });
      return [...seen.entries()].sort(([a], [b]) => a - b).map(([, id]) => id);
    },
    /**
     * Text of the rendered list rows that its box cuts (clipped, or ended with an ellipsis), as "id .part",
     * once the page has drawn its latest styles.
     */
    async clippedRowText(): Promise<string[]> {
      await nextFrames(frame);
      return frame.evaluate(() => {
        const cut: string[] = [];
        for (const button of document.querySelectorAll<HTMLElement>(
          ".list-rows .row-button[data-incident-id]",
        )) {
          const id = button.dataset.incidentId ?? "";
          const row = button.closest("li")?.getBoundingClientRect();
          if (button.scrollHeight > button.clientHeight + 1) cut.push(`${id} row`);
          for (const part of [".row-date", ".row-type", ".row-place", ".row-meta", ".row-title"]) {
            const el = button.querySelector<HTMLElement>(part);
            if (!el) continue;
            const box = el.getBoundingClientRect();
            if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
              cut.push(`${id} ${part}`);
            else if (row && (box.bottom > row.bottom + 1 || box.top < row.top - 1))
              cut.push(`${id} ${part} outside its row`);
          }
        }
        return cut;
      });
    },
  };
}
