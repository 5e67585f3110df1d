import { useEffect, useRef, useState } from "preact/hooks";
import { messagesFor } from "../i18n/messages";
import { BASEMAP_ATTRIBUTION } from "../map/basemap-style";
import { createMap, WebGLUnavailableError } from "../map/create-map";
import { exportViewImage } from "../map/export-image";
import type { Store } from "../state/store";
import { MapUnavailable } from "./ErrorScreen";

/** What the rest of the UI may ask of the map, without knowing MapLibre. */
export interface MapApi {
  /** A 2× PNG of the current view with title, legend, dates, filters in words and credits drawn in. */
  exportImage(): Promise<Blob>;
}

/** The one bridge between Preact and MapLibre: a container element, createMap in an effect, dispose on unmount. */
export function MapView({ store, onReady }: { store: Store; onReady?: (api: MapApi | null) => void }) {
  const container = useRef<HTMLElement>(null);
  const [unavailable, setUnavailable] = useState(false);
  const lang = store.view.value.lang;

  useEffect(() => {
    if (!container.current) return;
    try {
      const { map, dispose } = createMap(container.current, store);
      onReady?.({
        exportImage: () =>
          exportViewImage(map, store, {
            title: messagesFor(store.view.value.lang).appTitle,
            attribution: BASEMAP_ATTRIBUTION,
          }),
      });
      return () => {
        onReady?.(null);
        dispose();
      };
    } catch (error) {
      if (error instanceof WebGLUnavailableError) {
        setUnavailable(true);
        return;
      }
      throw error;
    }
  }, [store]);

  if (unavailable) return <MapUnavailable lang={lang} />;
  return <section ref={container} class="map" aria-label={messagesFor(lang).mapLabel} data-testid="map" />;
}
