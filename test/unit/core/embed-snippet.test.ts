import { describe, expect, it } from "vitest";
import {
  createEmbedSnippet,
  createResizingEmbedSnippet,
  escapeAttribute,
} from "../../../src/core/embed-snippet.ts";

const URL_OF_VIEW = "https://example.org/maps/syria/?embed=1&lock=1&from=2022-01-20#8/36.4/40.7";

/** Attributes of the one iframe in `html`, decoded as a browser would. */
function iframeAttributes(html: string): Record<string, string> {
  const match = /^<iframe ((?:[a-z-]+="[^"]*" ?)+)><\/iframe>$/.exec(html);
  if (!match?.[1]) throw new Error(`not a single iframe element: ${html}`);
  const attributes: Record<string, string> = {};
  for (const [, name, value] of match[1].matchAll(/([a-z-]+)="([^"]*)"/g)) {
    if (name === undefined || value === undefined) continue;
    attributes[name] = value
      .replaceAll("&quot;", '"')
      .replaceAll("&#39;", "'")
      .replaceAll("&lt;", "<")
      .replaceAll("&gt;", ">")
      .replaceAll("&amp;", "&");
  }
  return attributes;
}

describe("createEmbedSnippet", () => {
  it("writes one lazy iframe with the view URL, a title for screen readers and no referrer", () => {
    const html = createEmbedSnippet({
      url: URL_OF_VIEW,
      title: "Incidents 20 Jan 2022 – 30 Jan 2022",
      width: 800,
      height: 500,
      responsive: true,
    });
    const attributes = iframeAttributes(html);
    expect(attributes.src).toBe(URL_OF_VIEW);
    expect(attributes.title).toBe("Incidents 20 Jan 2022 – 30 Jan 2022");
    expect(attributes.loading).toBe("lazy");
    expect(attributes.referrerpolicy).toBe("no-referrer");
  });

  it("lets the frame go full screen and sandboxes it to scripts, its own origin and popups that leave the sandbox", () => {
    const attributes = iframeAttributes(
      createEmbedSnippet({ url: URL_OF_VIEW, title: "t", width: 640, height: 480, responsive: false }),
    );
    expect(attributes.allow).toBe("fullscreen");
    expect(attributes.sandbox?.split(" ").sort()).toEqual(
      ["allow-popups", "allow-popups-to-escape-sandbox", "allow-same-origin", "allow-scripts"].sort(),
    );
    // Never the tokens that would let the embed navigate or take over the article.
    expect(attributes.sandbox).not.toMatch(/allow-top-navigation|allow-modals|allow-forms/);
  });

  it("escapes the ampersands of the URL's query string for HTML", () => {
    const html = createEmbedSnippet({
      url: URL_OF_VIEW,
      title: "t",
      width: 800,
      height: 500,
      responsive: true,
    });
    expect(html).toContain(
      'src="https://example.org/maps/syria/?embed=1&amp;lock=1&amp;from=2022-01-20#8/36.4/40.7"',
    );
  });

  it.each([
    `"><script>alert(1)</script>`,
    `' onload='alert(1)`,
    `Raqqa" onload="fetch('//evil.example')`,
    `<img src=x onerror=alert(1)>`,
    'قسد & "الأسايش" <ب>',
  ])("keeps the hostile title %j inside the title attribute, unchanged when read back", (title) => {
    const html = createEmbedSnippet({ url: URL_OF_VIEW, title, width: 640, height: 480, responsive: false });
    const attributes = iframeAttributes(html);
    expect(attributes.title).toBe(title);
    expect(Object.keys(attributes).sort()).toEqual(
      ["allow", "height", "loading", "referrerpolicy", "sandbox", "src", "style", "title", "width"].sort(),
    );
    expect(html.match(/</g)).toHaveLength(2);
  });

  it("sizes a responsive frame to the column, keeping the chosen aspect ratio and width as the maximum", () => {
    const attributes = iframeAttributes(
      createEmbedSnippet({ url: URL_OF_VIEW, title: "t", width: 960, height: 540, responsive: true }),
    );
    expect(attributes.style).toContain("width:100%");
    expect(attributes.style).toContain("max-width:960px");
    expect(attributes.style).toContain("aspect-ratio:960 / 540");
    expect(attributes.style).toContain("border:0");
    expect([attributes.width, attributes.height]).toEqual(["960", "540"]);
  });

  it("gives a fixed frame exactly the chosen width and height", () => {
    const attributes = iframeAttributes(
      createEmbedSnippet({ url: URL_OF_VIEW, title: "t", width: 300, height: 250, responsive: false }),
    );
    expect([attributes.width, attributes.height]).toEqual(["300", "250"]);
    expect(attributes.style).not.toContain("aspect-ratio");
    expect(attributes.style).not.toContain("100%");
  });

  it("keeps sizes between 300×250 and 2400×2400 and replaces a size that is not a number", () => {
    const tiny = iframeAttributes(
      createEmbedSnippet({ url: URL_OF_VIEW, title: "t", width: 20, height: 1e6, responsive: false }),
    );
    expect([tiny.width, tiny.height]).toEqual(["300", "2400"]);
    const garbage = iframeAttributes(
      createEmbedSnippet({
        url: URL_OF_VIEW,
        title: "t",
        width: Number.NaN,
        height: 333.6,
        responsive: false,
      }),
    );
    expect([garbage.width, garbage.height]).toEqual(["800", "334"]);
  });

  it.each(["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "/maps/syria/?embed=1"])(
    "refuses the URL %j, which is not an absolute http(s) address",
    (url) => {
      expect(() =>
        createEmbedSnippet({ url, title: "t", width: 800, height: 500, responsive: true }),
      ).toThrow(/Embed URL must/);
    },
  );

  it("writes the title on one line", () => {
    const attributes = iframeAttributes(
      createEmbedSnippet({
        url: URL_OF_VIEW,
        title: " Incidents\n\tin 2022 ",
        width: 800,
        height: 500,
        responsive: true,
      }),
    );
    expect(attributes.title).toBe("Incidents in 2022");
  });
});

describe("createResizingEmbedSnippet", () => {
  const html = createResizingEmbedSnippet({
    url: URL_OF_VIEW,
    title: "Incidents in 2022",
    width: 640,
    height: 480,
  });
  const [frame, script] = html.split("</iframe>");

  it("writes the same polite, sandboxed frame, marked for the script and as tall as chosen until it runs", () => {
    const attributes = iframeAttributes(`${frame}</iframe>`);
    expect(attributes.src).toBe(URL_OF_VIEW);
    expect(attributes.title).toBe("Incidents in 2022");
    expect(attributes["data-incident-atlas"]).toBe("");
    expect(attributes.style).toContain("width:100%");
    expect(attributes.style).toContain("height:480px");
    expect(attributes.sandbox).toBe(
      "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox",
    );
    expect([attributes.loading, attributes.referrerpolicy, attributes.allow]).toEqual([
      "lazy",
      "no-referrer",
      "fullscreen",
    ]);
  });

  it("loads embed.js from the map's own server and folder, without the view's query or camera", () => {
    expect(script).toBe('<script src="https://example.org/maps/syria/embed.js" defer></script>');
  });

  it("refuses a URL that is not absolute http(s), like the fixed code", () => {
    expect(() =>
      createResizingEmbedSnippet({ url: "javascript:alert(1)", title: "t", width: 800, height: 500 }),
    ).toThrow(/Embed URL must/);
  });
});

describe("escapeAttribute", () => {
  it("escapes the five characters that can end an attribute or start a tag", () => {
    expect(escapeAttribute(`a&b"c'd<e>f`)).toBe("a&amp;b&quot;c&#39;d&lt;e&gt;f");
  });
});
