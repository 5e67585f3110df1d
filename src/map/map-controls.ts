import {
  AttributionControl,
  type ControlPosition,
  type IControl,
  type Map as MapLibreMap,
  NavigationControl,
} from "maplibre-gl";
import type { Lang } from "../core/view-state.ts";
import { directionOf } from "../i18n/direction.ts";
import { messagesFor } from "../i18n/messages.ts";
import { scaleInLanguage } from "./scale-in-language.ts";

/**
 * The words of MapLibre's own controls and canvas: each one's key in MapLibre's `locale` option, the class name its
 * stylesheet gives the button it labels (none for the canvas's title), and the message that says it.
 */
const CONTROL_TEXTS = [
  { key: "NavigationControl.ZoomIn", button: ".maplibregl-ctrl-zoom-in", message: "mapZoomIn" },
  { key: "NavigationControl.ZoomOut", button: ".maplibregl-ctrl-zoom-out", message: "mapZoomOut" },
  { key: "NavigationControl.ResetBearing", button: ".maplibregl-ctrl-compass", message: "mapResetBearing" },
  {
    key: "AttributionControl.ToggleAttribution",
    button: ".maplibregl-ctrl-attrib-button",
    message: "mapAttributionToggle",
  },
  { key: "Map.Title", button: null, message: "mapLabel" },
] as const;

/** The strings MapLibre's own controls and canvas start with (its `locale` option), in `lang`. */
export function controlStrings(lang: Lang): Record<string, string> {
  const m = messagesFor(lang);
  return Object.fromEntries(CONTROL_TEXTS.map((text) => [text.key, m[text.message]]));
}

/** The buttons of MapLibre's controls, by the class names its stylesheet styles them with. */
function buttonLabels(lang: Lang): Record<string, string> {
  const m = messagesFor(lang);
  return Object.fromEntries(
    CONTROL_TEXTS.flatMap((text) => (text.button === null ? [] : [[text.button, m[text.message]]])),
  );
}

/**
 * A MapLibre control whose buttons speak `lang`. MapLibre labels a control's buttons once, when it is added,
 * from the `locale` the map was constructed with, and offers no public way to change that locale later: so on
 * a language switch the controls are added again and their buttons labelled here, through the element the
 * control's own (public) `onAdd` returns.
 */
function inLanguage(control: IControl, lang: Lang): IControl {
  return {
    onAdd(map) {
      const element = control.onAdd(map);
      for (const [selector, label] of Object.entries(buttonLabels(lang))) {
        for (const button of element.querySelectorAll<HTMLElement>(selector)) {
          button.title = label;
          button.setAttribute("aria-label", label);
        }
      }
      return element;
    },
    onRemove(map) {
      control.onRemove(map);
    },
  };
}

/**
 * Adds the map's controls (zoom, scale, credits with `credits`) on the reading end of the map; the returned function
 * puts them there again, speaking `lang`, on each language switch.
 */
export function mountControls(map: MapLibreMap, credits: readonly string[]): (lang: Lang) => void {
  let controls: IControl[] = [];
  return (lang) => {
    for (const control of controls) map.removeControl(control);
    const end: ControlPosition = directionOf(lang) === "rtl" ? "top-left" : "top-right";
    const bottomEnd: ControlPosition = directionOf(lang) === "rtl" ? "bottom-left" : "bottom-right";
    controls = [
      inLanguage(new NavigationControl({ showCompass: false }), lang),
      scaleInLanguage(lang),
      // Never compact: the credits must stay readable, also in an embed.
      inLanguage(new AttributionControl({ compact: false, customAttribution: [...credits] }), lang),
    ];
    const positions: ControlPosition[] = [end, bottomEnd, bottomEnd];
    controls.forEach((control, i) => {
      map.addControl(control, positions[i]);
    });
    // MapLibre names the canvas once, from the locale it started with ("Map.Title"): name it in the language.
    map.getCanvas().setAttribute("aria-label", messagesFor(lang).mapLabel);
  };
}
