import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  type AppDriver,
  type EmbeddedMap,
  type FocusAt,
  given,
  openEmbedded,
  pressKey,
  type SharedBrowser,
  tabUntil,
} from "./driver/index.ts";

/**
 * A reader with only a keyboard opens an incident, filters, opens the share options and switches the language, on
 * the main page and in an embed. After every key, focus is on something: never dropped to the page's <body>.
 */
const baseUrl = inject("baseUrl");
let browser: SharedBrowser;

beforeAll(async () => {
  browser = await given.browser();
});
afterAll(async () => browser?.close());

/** Every place focus went on the way must be a control, not the page. */
function expectNeverBody(visited: FocusAt[]): void {
  expect(visited.map((at) => at.testId)).not.toContain("body");
}

describe("the main page with the keyboard alone", () => {
  let app: AppDriver;
  const keys = async (...sequence: string[]) => {
    const visited: FocusAt[] = [];
    for (const key of sequence) visited.push(await pressKey(app, key));
    expectNeverBody(visited);
    return visited.at(-1) as FocusAt;
  };
  beforeAll(async () => {
    app = await browser.open(baseUrl);
    await app.when.waitForMap();
  });
  afterAll(async () => app?.close());

  it("opens an incident from the list, and Escape gives focus back to its row", async () => {
    expectNeverBody(await tabUntil(app, (at) => at.row));
    const opened = await keys("Enter");
    expect(opened.region).toBe("panel");
    await app.when.waitForShown("incident-panel");
    const back = await keys("Escape");
    expect(back.row).toBe(true);
  });

  it("filters by typing a search", async () => {
    expectNeverBody(await tabUntil(app, (at) => at.testId === "filter-q", { backwards: true }));
    await keys(..."prison".split(""));
    await app.when.waitForQuery("q", "prison");
    expect((await app.get.focusAt()).testId).toBe("filter-q");
    expect(await app.get.listedCount()).toBeGreaterThan(0);
  });

  it("opens the share options, and Escape gives focus back to the Share button", async () => {
    expectNeverBody(await tabUntil(app, (at) => at.testId === "share-button", { backwards: true }));
    await keys("Enter");
    await app.when.waitForShown("share-dialog");
    expect(await app.get.holdsFocus("share-dialog")).toBe(true);
    await keys("Tab", "Tab");
    const back = await keys("Escape");
    await app.when.waitForGone("share-dialog");
    expect(back.testId).toBe("share-button");
  });

  it("switches the language and keeps focus on the language button", async () => {
    expectNeverBody(await tabUntil(app, (at) => at.testId === "lang-switch"));
    const after = await keys("Enter");
    await app.when.waitForQuery("lang", "ar");
    expect(after.testId).toBe("lang-switch");
    expect((await app.get.htmlDirAndLang()).dir).toBe("rtl");
    // And on through the Arabic page: the list is still reached.
    expectNeverBody(await tabUntil(app, (at) => at.row));
  });
});

describe("an embed with the keyboard alone", () => {
  let embed: EmbeddedMap;
  const keys = async (...sequence: string[]) => {
    const visited: FocusAt[] = [];
    for (const key of sequence) visited.push(await embed.when.pressKey(key));
    expectNeverBody(visited);
    return visited.at(-1) as FocusAt;
  };
  const tabTo = async (reached: (at: FocusAt) => boolean, backwards = false) =>
    expectNeverBody(await embed.when.tabUntil(reached, { backwards }));

  beforeAll(async () => {
    embed = await openEmbedded(browser, `${baseUrl}?embed=1`, { width: 640, height: 480 });
  });
  afterAll(async () => embed?.close());

  it("Tab from the article goes into the embed, to the list's button first", async () => {
    await embed.when.press("Tab");
    const at = await embed.get.focusAt();
    expect(at.testId).toBe("embed-list-button");
  });

  it("opens an incident from the list, and Escape gives focus back to the list's button", async () => {
    await keys("Enter", "Tab");
    expect((await embed.get.focusAt()).row).toBe(true);
    await keys("Enter");
    await embed.when.waitForShown("incident-panel");
    const back = await keys("Escape");
    expect(back.testId).toBe("embed-list-button");
  });

  it("filters from the Filters drawer by typing a search, and Escape closes it", async () => {
    await tabTo((at) => at.testId === "embed-filters-button");
    await keys("Enter");
    await tabTo((at) => at.testId === "filter-q");
    await keys(..."prison".split(""));
    await embed.when.waitForQuery("q", "prison");
    const back = await keys("Escape");
    expect(back.testId).toBe("embed-filters-button");
  });

  it("shares by opening the full map in a new tab, focus staying on the link", async () => {
    await tabTo((at) => at.testId === "open-full-map");
    const { tab, address, result: after } = await embed.when.tabOpenedBy(() => keys("Enter"));
    expect(address.searchParams.get("embed")).toBeNull();
    expect(address.searchParams.get("q")).toBe("prison");
    await tab.close();
    expect(after.testId).toBe("open-full-map");
  });

  it("switches the language and keeps focus on the language button", async () => {
    await tabTo((at) => at.testId === "lang-switch");
    const after = await keys("Enter");
    await embed.when.waitForQuery("lang", "ar");
    expect(after.testId).toBe("lang-switch");
    await tabTo((at) => at.testId === "embed-list-button", true);
  });
});
