import type { Map as MapLibreMap, StyleSpecification } from "maplibre-gl";

/** `font-faces` of the bundled style, added to an online style so Arabic never depends on a glyph server. */
function withOurFonts(bundled: StyleSpecification) {
  return (_previous: unknown, next: StyleSpecification): StyleSpecification => ({
    ...next,
    "font-faces": { ...next["font-faces"], ...bundled["font-faces"] },
  });
}

/**
 * Switches to an online style; falls back to the bundled one when it fails or takes longer than `timeoutMs`.
 */
export function useOnlineStyle(
  map: MapLibreMap,
  styleUrl: string,
  bundled: StyleSpecification,
  timeoutMs: number,
): void {
  let settled = false;
  const fallBack = () => {
    if (settled) return;
    settled = true;
    map.setStyle(bundled, { diff: false });
  };
  const timer = setTimeout(fallBack, timeoutMs);
  map.once("style.load", () => {
    map.once("style.load", () => {
      settled = true;
      clearTimeout(timer);
    });
    map.setStyle(styleUrl, { diff: false, transformStyle: withOurFonts(bundled) });
  });
  map.on("error", (event) => {
    if (!map.isStyleLoaded()) {
      clearTimeout(timer);
      fallBack();
    }
    void event;
  });
}
