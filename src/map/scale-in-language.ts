import { ScaleControl } from "maplibre-gl";
import { formatMessage } from "../core/format-message.ts";
import type { Lang } from "../core/view-state.ts";
import { messagesFor } from "../i18n/messages.ts";

/**
 * MapLibre's metric scale bar, written in `lang`: its unit word and its digits ("٥٠ كم").
 *
 * Why this way: ScaleControl rewrites its own text ("50&nbsp;km") on every move, with Western digits and the unit
 * from the `locale` the map was built with, which MapLibre cannot change later. So the text the control writes
 * into its (public, `onAdd`-returned) element is rewritten in the language as it appears.
 */
export function scaleInLanguage(lang: Lang): ScaleControl {
  const control = new ScaleControl({ unit: "metric" });
  const onAdd = control.onAdd.bind(control);
  const m = messagesFor(lang);
  let observer: MutationObserver | null = null;
  control.onAdd = (map) => {
    const element = onAdd(map);
    const rewrite = () => {
      const written = /^([\d.]+)\s*(km|m)$/.exec(element.textContent?.trim() ?? "");
      if (!written?.[1]) return;
      const template = written[2] === "km" ? m.mapScaleKm : m.mapScaleM;
      const text = formatMessage(template, { distance: Number(written[1]) }, lang);
      // Writing the same text again would notify the observer again, without end.
      if (element.textContent !== text) element.textContent = text;
    };
    observer = new MutationObserver(rewrite);
    observer.observe(element, { childList: true, characterData: true, subtree: true });
    rewrite();
    return element;
  };
  const onRemove = control.onRemove.bind(control);
  control.onRemove = () => {
    observer?.disconnect();
    observer = null;
    onRemove();
  };
  return control;
}
