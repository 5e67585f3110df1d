import { useEffect, useRef, useState } from "preact/hooks";
import { messagesFor } from "../i18n/messages";
import { createMap, WebGLUnavailableError } from "../map/create-map";
import type { Store } from "../state/store";
import { MapUnavailable } from "./ErrorScreen";

/** The one bridge between Preact and MapLibre: a container element, createMap in an effect, dispose on unmount. */
export function MapView({ store }: { store: Store }) {
  const container = useRef<HTMLElement>(null);
  const [unavailable, setUnavailable] = useState(false);
  const lang = store.view.value.lang;

  useEffect(() => {
    if (!container.current) return;
    try {
      return createMap(container.current, store).dispose;
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
