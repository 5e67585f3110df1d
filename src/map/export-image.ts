import type { Map as MapLibreMap } from "maplibre-gl";
import { drawScale } from "./image-scale-bar.ts";

/** What the exported image says around the map; the strings come from core/describe-view.ts. */
export interface ImageOverlay {
  title: string;
  legend: { label: string; color: string }[];
  dateRange: string;
  filtersInWords: string;
  /** Basemap and data attribution, as the map shows it. */
  attribution: string;
  /** The outlets the shown incidents rest on ("Sources: North Pulse; Hawar News"). */
  sourceCredits: string;
  /** A scale bar drawn in the map's lower start corner: its length in CSS pixels and its label ("50 km"). */
  scale?: { pixels: number; label: string };
  /** The data's date in words ("The data runs to 30 January 2025"), under the credits. */
  dataDate?: string;
  /** "rtl" for Arabic: text runs and aligns from the right, the legend flows right to left. */
  direction?: "ltr" | "rtl";
  /** CSS font family for the text; the default stack covers Latin and Arabic with local fonts only. */
  fontFamily?: string;
}

/** Layout of the image around the map, in CSS pixels (multiplied by the pixel ratio when drawn). */
const LAYOUT = {
  padding: 16, // around the whole image and between blocks
  titleSize: 20, // the title, bold
  dateSize: 15, // the date range, under the title
  filtersSize: 13, // the filters in words, muted
  legendSize: 13, // legend labels
  swatch: 12, // diameter of a legend dot
  smallSize: 11, // attribution and source credits
  lineHeight: 1.35, // line height as a multiple of the font size
  minWidth: 300, // narrower maps are drawn on a 300 px wide page so the text still fits
  idleTimeoutMs: 10_000, // capture anyway when tiles never settle (a tile that fails to load)
} as const;

const COLORS = { background: "#ffffff", text: "#1a1a1a", muted: "#555555", rule: "#d0d0d0" } as const;
/** "Atlas Sans" is the bundled Noto (Latin + Arabic) declared in index.html; the rest are local fallbacks. */
const DEFAULT_FONT = '"Atlas Sans", system-ui, "Segoe UI", Tahoma, Arial, sans-serif';

/**
 * A PNG of the map as it is now, at `pixelRatio` (2 for print), with the title, date range, filters in
 * words above it and the legend, attribution and source credits below it.
 *
 * The map re-renders at `pixelRatio` for the capture (then returns to its own ratio), so a 1× screen still
 * gives a sharp 2× image; the WebGL canvas is copied inside the `render` event, while its drawing buffer
 * is still intact, so the map does not need the slower `preserveDrawingBuffer`.
 */
export async function exportMapImage(map: MapLibreMap, overlay: ImageOverlay, pixelRatio = 2): Promise<Blob> {
  const previousRatio = map.getPixelRatio();
  if (previousRatio !== pixelRatio) map.setPixelRatio(pixelRatio);
  let mapImage: HTMLCanvasElement;
  try {
    mapImage = await captureMap(map);
  } finally {
    if (previousRatio !== pixelRatio) map.setPixelRatio(previousRatio);
  }
  await loadFonts(overlay.fontFamily ?? DEFAULT_FONT, overlay);
  const container = map.getContainer();
  const cssWidth = container.clientWidth || mapImage.width / pixelRatio;
  const cssHeight = container.clientHeight || mapImage.height / pixelRatio;
  const canvas = composeImage(mapImage, cssWidth, cssHeight, overlay, pixelRatio);
  return canvasToPng(canvas);
}

/** Waits until the map has settled, then copies one freshly rendered frame into a 2D canvas. */
async function captureMap(map: MapLibreMap): Promise<HTMLCanvasElement> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, LAYOUT.idleTimeoutMs);
    map.once("idle", () => {
      clearTimeout(timer);
      resolve();
    });
    map.triggerRepaint();
  });
  return new Promise<HTMLCanvasElement>((resolve) => {
    map.once("render", () => {
      const source = map.getCanvas();
      const copy = document.createElement("canvas");
      copy.width = source.width;
      copy.height = source.height;
      copy.getContext("2d")?.drawImage(source, 0, 0);
      resolve(copy);
    });
    map.triggerRepaint();
  });
}

interface TextBlock {
  lines: string[];
  size: number;
  weight: "400" | "700";
  color: string;
}

interface LegendItem {
  label: string;
  color: string;
  /** Offset of the item's start edge from the content's start edge, and its line. */
  x: number;
  line: number;
  width: number;
}

function composeImage(
  mapImage: HTMLCanvasElement,
  mapWidth: number,
  mapHeight: number,
  overlay: ImageOverlay,
  ratio: number,
): HTMLCanvasElement {
  const rtl = overlay.direction === "rtl";
  const family = overlay.fontFamily ?? DEFAULT_FONT;
  const width = Math.max(mapWidth, LAYOUT.minWidth);
  const contentWidth = width - 2 * LAYOUT.padding;
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw the exported image (no 2D canvas).");
  const font = (size: number, weight: string) => `${weight} ${size}px ${family}`;

  // Pass 1: lay out (measure) everything at 1×.
  context.direction = rtl ? "rtl" : "ltr";
  const block = (text: string, size: number, weight: "400" | "700", color: string): TextBlock => {
    context.font = font(size, weight);
    return { lines: text.trim() === "" ? [] : wrapText(context, text, contentWidth), size, weight, color };
  };
  const header = [
    block(overlay.title, LAYOUT.titleSize, "700", COLORS.text),
    block(overlay.dateRange, LAYOUT.dateSize, "400", COLORS.text),
    block(overlay.filtersInWords, LAYOUT.filtersSize, "400", COLORS.muted),
  ];
  context.font = font(LAYOUT.legendSize, "400");
  const legend = layoutLegend(context, overlay.legend, contentWidth);
  const legendLines = legend.length === 0 ? 0 : Math.max(...legend.map((item) => item.line)) + 1;
  const legendLineHeight = Math.max(LAYOUT.legendSize * LAYOUT.lineHeight, LAYOUT.swatch + 4);
  const footer = [
    block(overlay.sourceCredits, LAYOUT.smallSize, "400", COLORS.muted),
    block(overlay.attribution, LAYOUT.smallSize, "400", COLORS.muted),
    block(overlay.dataDate ?? "", LAYOUT.smallSize, "400", COLORS.muted),
  ];
  const blockHeight = (b: TextBlock) => b.lines.length * b.size * LAYOUT.lineHeight;
  const headerHeight = header.reduce((sum, b) => sum + blockHeight(b), 0);
  const footerHeight = legendLines * legendLineHeight + footer.reduce((sum, b) => sum + blockHeight(b), 0);
  const height = LAYOUT.padding * 4 + headerHeight + mapHeight + footerHeight;

  // Pass 2: draw at `ratio`.
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  context.scale(ratio, ratio);
  context.direction = rtl ? "rtl" : "ltr";
  context.fillStyle = COLORS.background;
  context.fillRect(0, 0, width, height);
  context.textBaseline = "top";
  context.textAlign = "start";
  // With direction rtl, "start" aligns text to the right of x.
  const startX = rtl ? width - LAYOUT.padding : LAYOUT.padding;

  let y = LAYOUT.padding;
  const drawBlock = (b: TextBlock) => {
    context.font = font(b.size, b.weight);
    context.fillStyle = b.color;
    for (const line of b.lines) {
      context.fillText(line, startX, y + (b.size * (LAYOUT.lineHeight - 1)) / 2);
      y += b.size * LAYOUT.lineHeight;
    }
  };
  for (const b of header) drawBlock(b);

  y += LAYOUT.padding;
  const mapX = (width - mapWidth) / 2;
  context.drawImage(mapImage, mapX, y, mapWidth, mapHeight);
  context.strokeStyle = COLORS.rule;
  context.lineWidth = 1;
  context.strokeRect(mapX + 0.5, y + 0.5, mapWidth - 1, mapHeight - 1);
  if (overlay.scale)
    drawScale(context, overlay.scale, { x: mapX, y, width: mapWidth, height: mapHeight }, rtl, family);
  y += mapHeight + LAYOUT.padding;

  context.font = font(LAYOUT.legendSize, "400");
  for (const item of legend) {
    const top = y + item.line * legendLineHeight;
    const boxStart = rtl ? width - LAYOUT.padding - item.x : LAYOUT.padding + item.x;
    const swatchCenter = rtl ? boxStart - LAYOUT.swatch / 2 : boxStart + LAYOUT.swatch / 2;
    context.beginPath();
    context.arc(swatchCenter, top + legendLineHeight / 2, LAYOUT.swatch / 2, 0, 2 * Math.PI);
    context.fillStyle = item.color;
    context.fill();
    context.strokeStyle = COLORS.text;
    context.lineWidth = 0.75;
    context.stroke();
    context.fillStyle = COLORS.text;
    const textStart = rtl ? boxStart - LAYOUT.swatch - 6 : boxStart + LAYOUT.swatch + 6;
    context.fillText(item.label, textStart, top + (legendLineHeight - LAYOUT.legendSize) / 2);
  }
  y += legendLines * legendLineHeight + LAYOUT.padding / 2;
  for (const b of footer) drawBlock(b);
  return canvas;
}

/** Flows legend items in lines (start to end), wrapping when the next item would not fit. */
function layoutLegend(
  context: CanvasRenderingContext2D,
  items: readonly { label: string; color: string }[],
  contentWidth: number,
): LegendItem[] {
  const gap = 16;
  const laid: LegendItem[] = [];
  let x = 0;
  let line = 0;
  for (const item of items) {
    const width = LAYOUT.swatch + 6 + context.measureText(item.label).width;
    if (x > 0 && x + width > contentWidth) {
      x = 0;
      line += 1;
    }
    laid.push({ ...item, x, line, width });
    x += width + gap;
  }
  return laid;
}

/** Greedy word wrap to `maxWidth` in the context's current font; a word longer than a line is kept whole. */
function wrapText(context: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (line !== "" && context.measureText(candidate).width > maxWidth) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    if (line !== "") lines.push(line);
  }
  return lines;
}

/**
 * Canvas text does not wait for web fonts: with `font-display: swap` a face nobody has used yet would be
 * replaced by a fallback in the image. Load the faces the overlay's text needs first.
 */
async function loadFonts(family: string, overlay: ImageOverlay): Promise<void> {
  if (typeof document === "undefined" || !document.fonts) return;
  const text = [
    overlay.title,
    overlay.filtersInWords,
    overlay.sourceCredits,
    overlay.attribution,
    overlay.dataDate ?? "",
    overlay.scale?.label ?? "",
  ].join(" ");
  try {
    await Promise.all([
      document.fonts.load(`400 16px ${family}`, text),
      document.fonts.load(`700 16px ${family}`, text),
    ]);
  } catch {
    // A font that fails to load leaves the fallback in place; the image is still worth having.
  }
}

function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob) resolve(blob);
      else reject(new Error("The browser could not encode the image as PNG."));
    }, "image/png");
  });
}
