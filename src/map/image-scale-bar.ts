import { formatMessage } from "../core/format-message.ts";
import { metresPerPixel, scaleBar } from "../core/scale-bar.ts";
import type { Lang } from "../core/view-state.ts";
import { messagesFor } from "../i18n/messages.ts";

/** The scale bar of an exported map image (map/export-image.ts); its length comes from core/scale-bar.ts. */

/** As the image's attribution and credits. */
const TEXT_SIZE = 11;
const TEXT_COLOR = "#1a1a1a";
/** The longest bar, like the map's own scale control. */
const MAX_PIXELS = 120;

/** The bar for a map centred at `latitude` and zoomed to `zoom`, labelled in `lang` ("٥٠ كم"); none if unknown. */
export function scaleOverlay(
  latitude: number,
  zoom: number,
  lang: Lang,
): { pixels: number; label: string } | undefined {
  const bar = scaleBar(metresPerPixel(latitude, zoom), MAX_PIXELS);
  if (!bar) return undefined;
  const m = messagesFor(lang);
  const label = formatMessage(
    bar.unit === "km" ? m.mapScaleKm : m.mapScaleM,
    { distance: bar.distance },
    lang,
  );
  return { pixels: bar.pixels, label };
}

/** The scale bar on a white label in the map's lower start corner, as the map shows its own. */
export function drawScale(
  context: CanvasRenderingContext2D,
  scale: { pixels: number; label: string },
  box: { x: number; y: number; width: number; height: number },
  rtl: boolean,
  fontFamily: string,
): void {
  const size = TEXT_SIZE;
  const inset = 8;
  context.font = `400 ${size}px ${fontFamily}`;
  const width = Math.max(scale.pixels, context.measureText(scale.label).width + 8);
  const height = size * 1.35 + 6;
  const left = rtl ? box.x + box.width - inset - width : box.x + inset;
  const top = box.y + box.height - inset - height;
  context.fillStyle = "rgba(255, 255, 255, 0.85)";
  context.fillRect(left, top, width, height);
  // The bar: a bracket as long as the distance, open at the top, like MapLibre's control.
  const barStart = rtl ? left + width - scale.pixels : left;
  context.strokeStyle = TEXT_COLOR;
  context.lineWidth = 1.5;
  context.beginPath();
  context.moveTo(barStart + 0.75, top + 2);
  context.lineTo(barStart + 0.75, top + height - 0.75);
  context.lineTo(barStart + scale.pixels - 0.75, top + height - 0.75);
  context.lineTo(barStart + scale.pixels - 0.75, top + 2);
  context.stroke();
  context.fillStyle = TEXT_COLOR;
  context.textAlign = "start";
  context.fillText(scale.label, rtl ? left + width - 4 : left + 4, top + 3);
}
