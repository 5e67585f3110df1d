import { describe, expect, inject, it } from "vitest";
import { useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const openApp = useSharedBrowser(baseUrl);

/** WCAG 1.4.12's test stylesheet: a reader's own spacing must lose no text. */
const TEXT_SPACING = `
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-block-end: 2em !important; }
`;

describe("the incident list with the reader's text spacing", () => {
  for (const size of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    for (const lang of ["en", "ar"]) {
      it(`cuts no title, place or date at ${size.width}×${size.height} (${lang})`, async () => {
        const app = await openApp(`?lang=${lang}`);
        await app.when.resizeWindow(size);
        expect(await app.get.clippedRowText()).toEqual([]);
        // A constructed stylesheet, as a reader's extension adds it: the page's CSP refuses a <style> element.
        await app.when.addReaderStyles(TEXT_SPACING);
        expect(await app.get.rowIds()).not.toEqual([]);
        expect(await app.get.clippedRowText()).toEqual([]);
      });
    }
  }
});
