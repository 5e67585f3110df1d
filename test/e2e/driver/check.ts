/**
 * Steps of the "Check a sheet" page (check.html).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import type { AppDriver, SharedBrowser } from "./types.ts";

/** One problem as the page lists it. */
export interface ListedProblem {
  /** The file group it is listed under. */
  file: string;
  severity: string;
  /** data:check's line for it. */
  message: string;
}

/** Opens check.html (no incident list to wait for) and waits until it is loaded, its worker included. */
export async function openCheckPage(browser: SharedBrowser, baseUrl: string, query = ""): Promise<AppDriver> {
  const app = await browser.open(`${baseUrl}check.html${query}`, { waitForList: false });
  await app.page.getByTestId("check-drop").waitFor();
  await app.page.waitForLoadState("networkidle");
  return app;
}

/** Opens every CSV of `dir` through the "Open files…" input, as a maintainer picking them would. */
export async function openSheetFiles({ page }: { page: Page }, dir: string): Promise<void> {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".csv"))
    .map((name) => join(dir, name));
  await page.getByTestId("check-files").setInputFiles(files);
  await page.getByTestId("check-summary").waitFor();
}

/** Opens the folder `dir` through the "Open a folder…" input (its files arrive with their paths in it). */
export async function openSheetFolder({ page }: { page: Page }, dir: string): Promise<void> {
  await page.getByTestId("check-folder").setInputFiles(dir);
  await page.getByTestId("check-summary").waitFor();
}

/** The problems listed, top to bottom, with the file each is grouped under. */
export async function listedProblems({ page }: { page: Page }): Promise<ListedProblem[]> {
  return page.locator('[data-testid="check-file"]').evaluateAll((groups) =>
    groups.flatMap((group) => {
      const file = group.getAttribute("data-file") ?? "";
      return Array.from(group.querySelectorAll('[data-testid="check-problem"]')).map((item) => ({
        file,
        severity: item.getAttribute("data-severity") ?? "",
        message: item.querySelector('[data-testid="check-message"]')?.textContent ?? "",
      }));
    }),
  );
}

/** Opens the row preview of the `index`-th problem with the keyboard; returns the marked column and its value. */
export async function showRowOf(
  { page }: { page: Page },
  index: number,
): Promise<{ column: string; value: string }> {
  const summary = page.locator('[data-testid="check-problem"]').nth(index).locator("summary");
  await summary.focus();
  await page.keyboard.press("Enter");
  const marked = page.locator('[data-testid="check-problem"]').nth(index).locator("tr.marked");
  await marked.waitFor();
  return {
    column: (await marked.locator("th").textContent()) ?? "",
    value: (await marked.locator("td").textContent()) ?? "",
  };
}

/** Counts of the comparison with the published map, after pressing its button ("none" when nothing changed). */
export async function compareWithPublished({
  page,
}: {
  page: Page;
}): Promise<"none" | { added: number; removed: number; changed: number }> {
  await page.getByTestId("check-compare").click();
  const none = page.getByTestId("check-changes-none");
  const added = page.getByTestId("check-changes-added");
  await none.or(added).waitFor();
  if (await none.isVisible()) return "none";
  const count = async (kind: string) =>
    Number(await page.getByTestId(`check-changes-${kind}`).getAttribute("data-count"));
  return { added: await count("added"), removed: await count("removed"), changed: await count("changed") };
}

/** The Check a sheet page's steps as a reader's actions (see when.ts). */
export function checkActions(page: Page) {
  return {
    /** Chooses every sheet file of `dir` in the page's file picker. */
    openSheetFiles: (dir: string) => openSheetFiles({ page }, dir),
  };
}
