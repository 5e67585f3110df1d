/**
 * The HTML a journalist pastes into an article to embed a view of the map.
 */

export interface EmbedSnippetOptions {
  /** Absolute http(s) URL of the view, with `embed=1` (built by the URL codec). */
  url: string;
  /** What the frame shows, announced by screen readers; comes from data, so it is escaped. */
  title: string;
  /** Width and height in CSS pixels; with `responsive` they set the aspect ratio and the largest width. */
  width: number;
  height: number;
  /** Fill the column up to `width`, keeping the aspect ratio, instead of a fixed size. */
  responsive: boolean;
}

/**
 * What the framed map may do, and nothing more (docs/embedding.md says what breaks without each token):
 * scripts run the map; its own origin lets it read its data files and start its worker; popups open
 * "Open the full map" and the sources' articles, which escape the sandbox so they work as ordinary pages.
 * Not granted: top navigation (the embed cannot move the article away), forms, modals, downloads.
 */
export const EMBED_SANDBOX = "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox";

/** Size limits, in CSS pixels. */
export const EMBED_SIZE = {
  minWidth: 300, // the smallest size the embed layout is made for (a 300×250 ad slot)
  minHeight: 250,
  maxWidth: 2400, // anything larger is a typo
  maxHeight: 2400,
  defaultWidth: 800, // a common article column
  defaultHeight: 500,
} as const;

/**
 * A responsive (or fixed-size) iframe snippet for `url`. Every value is escaped for an HTML attribute,
 * the frame loads lazily, sends no referrer (the map's host does not learn which article embeds it),
 * needs no cookies, may go full screen, and runs sandboxed (EMBED_SANDBOX). Responsive frames take the column's width up to `width`, keep `width`/`height` as
 * their aspect ratio, and never shrink below 250 px in height so the map stays usable on a phone.
 * @throws when `url` is not an absolute http(s) URL (a `javascript:` frame would run in the host page).
 * @example
 * createEmbedSnippet({ url: "https://example.org/map/?embed=1", title: "Incidents in 2022", width: 800, height: 500, responsive: true })
 */
export function createEmbedSnippet(options: EmbedSnippetOptions): string {
  const url = checkedUrl(options.url);
  const { width, height } = normalizeEmbedSize(options.width, options.height);
  const title = options.title.replace(/\s+/g, " ").trim();
  const style = options.responsive
    ? [
        "display:block",
        "width:100%",
        `max-width:${width}px`,
        "height:auto",
        `aspect-ratio:${width} / ${height}`,
        `min-height:${EMBED_SIZE.minHeight}px`,
        "border:0",
      ].join(";")
    : "display:block;border:0";
  return `<iframe ${iframeAttributes(url, title, width, height, style)}></iframe>`;
}

/** Where the responsive code's script lives: beside the map's index.html, on the map's own server. */
export const RESIZE_SCRIPT_FILE = "embed.js";

/**
 * The responsive code: the frame, marked for public/embed.js, and the script from the map's own server that
 * sets the frame's height to the one the map asks for (core/embed-resize.ts). Until the script has run, or
 * where a CMS strips it, the frame keeps `height`: the code degrades to a fixed-height embed, full column wide.
 * @throws like createEmbedSnippet.
 * @example
 * createResizingEmbedSnippet({ url: "https://example.org/map/?embed=1", title: "Incidents in 2022", width: 800, height: 500 })
 * // <iframe … data-incident-atlas …></iframe><script src="https://example.org/map/embed.js" defer></script>
 */
export function createResizingEmbedSnippet(options: Omit<EmbedSnippetOptions, "responsive">): string {
  const url = checkedUrl(options.url);
  const { width, height } = normalizeEmbedSize(options.width, options.height);
  const title = options.title.replace(/\s+/g, " ").trim();
  const style = [
    "display:block",
    "width:100%",
    `max-width:${width}px`,
    `height:${height}px`,
    "border:0",
  ].join(";");
  const frame = iframeAttributes(url, title, width, height, style);
  const script = new URL(RESIZE_SCRIPT_FILE, url);
  script.search = "";
  script.hash = "";
  return `<iframe ${frame} data-incident-atlas=""></iframe><script src="${escapeAttribute(script.href)}" defer></script>`;
}

function iframeAttributes(url: string, title: string, width: number, height: number, style: string): string {
  const attributes: [string, string][] = [
    ["src", url],
    ["title", title],
    ["width", String(width)],
    ["height", String(height)],
    ["style", style],
    ["loading", "lazy"],
    ["referrerpolicy", "no-referrer"],
    ["allow", "fullscreen"],
    ["sandbox", EMBED_SANDBOX],
  ];
  return attributes.map(([name, value]) => `${name}="${escapeAttribute(value)}"`).join(" ");
}

/**
 * Escapes text for a double- or single-quoted HTML attribute value (and for element text).
 * @example escapeAttribute(`"><script>`) // "&quot;&gt;&lt;script&gt;"
 */
export function escapeAttribute(text: string): string {
  return text.replace(/[&"'<>]/g, (character) => ENTITIES[character] ?? character);
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  '"': "&quot;",
  "'": "&#39;",
  "<": "&lt;",
  ">": "&gt;",
};

/**
 * The frame size the snippet will use: whole pixels within EMBED_SIZE's limits, defaults for non-numbers.
 * @example normalizeEmbedSize(120, Number.NaN) // { width: 300, height: 500 }
 */
export function normalizeEmbedSize(width: number, height: number): { width: number; height: number } {
  return {
    width: clampSize(width, EMBED_SIZE.minWidth, EMBED_SIZE.maxWidth, EMBED_SIZE.defaultWidth),
    height: clampSize(height, EMBED_SIZE.minHeight, EMBED_SIZE.maxHeight, EMBED_SIZE.defaultHeight),
  };
}

function checkedUrl(raw: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Error(`Embed URL must be absolute (https://…): ${JSON.stringify(raw)}`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new Error(`Embed URL must use http or https, not ${JSON.stringify(parsed.protocol)}`);
  }
  return parsed.href;
}

function clampSize(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}
