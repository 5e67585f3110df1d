import type { Map as MapLibreMap } from "maplibre-gl";
import { dayNumberToIsoDay } from "../core/day-number.ts";
import { formatDateSpan } from "../core/format.ts";
import { formatMessage } from "../core/format-message.ts";
import { messagesFor } from "../i18n/messages.ts";
import type { Store } from "../state/store.ts";
import { exportMapImage } from "./export-image.ts";
import { scaleOverlay } from "./image-scale-bar.ts";

/**
 * The PNG of the store's current view: the caption (filters in words, date range, legend of the event types
 * shown, outlets cited) is written from the view by core/describe-view.ts, in the view's language.
 * @example exportViewImage(map, store, { title: messages.appTitle, attribution: BASEMAP_ATTRIBUTION })
 */
export async function exportViewImage(
  map: MapLibreMap,
  store: Store,
  options: { title: string; attribution: string; fontFamily?: string },
  pixelRatio = 2,
): Promise<Blob> {
  const view = store.view.value;
  // The caption names the outlets the shown incidents cite: the data worker holds who reported each incident.
  const caption = await store.caption(view.filters, view.lang);
  const m = messagesFor(view.lang);
  const scale = scaleOverlay(map.getCenter().lat, map.getZoom(), view.lang);
  const lastDay = dayNumberToIsoDay(store.table.maxDay);
  const dataDate =
    store.table.count > 0
      ? formatMessage(
          m.imageDataUpTo,
          { date: formatDateSpan(lastDay, lastDay, "day", view.lang) },
          view.lang,
        )
      : undefined;
  return exportMapImage(
    map,
    { ...caption, ...options, scale, dataDate, direction: view.lang === "ar" ? "rtl" : "ltr" },
    pixelRatio,
  );
}
