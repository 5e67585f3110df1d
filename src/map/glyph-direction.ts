/**
 * Label glyphs are drawn left to right, whatever the page's direction.
 *
 * Why: with a style's `font-faces` and no glyph server, maplibre-gl 6 rasterises each label glyph on its own
 * with TinySDF (@mapbox/tiny-sdf), on an `OffscreenCanvas` whose 2D context never sets `direction`. The context's
 * default, "inherit", takes the direction of the page, so under `<html dir="rtl">` a lone "(" is drawn as its
 * bidi mirror ")" (and "[" as "]", "<" as ">"). MapLibre caches that glyph and lays out every label with it,
 * so "Palmyra (Tadmur)" reads "Palmyra )Tadmur(" in Arabic. MapLibre orders the glyphs of a line itself
 * (it shapes and reorders Arabic before it asks for glyphs), so a single glyph is always meant as its plain,
 * left-to-right form.
 *
 * How: every 2D context of an `OffscreenCanvas` starts with `direction = "ltr"` instead of "inherit". Our own
 * code draws no text on an OffscreenCanvas, and code that wants right-to-left text sets `direction` itself, as it
 * must on a canvas that is not in the page. A detached `<canvas>` (TinySDF's fallback without OffscreenCanvas)
 * already resolves "inherit" to left to right, so only OffscreenCanvas needs this. Public browser API only:
 * `OffscreenCanvas.prototype.getContext` and the context's `direction`; nothing of MapLibre's.
 *
 * Must run before the map starts (maplibre-init.ts imports it): a glyph drawn mirrored once stays cached.
 * Reported upstream; drop this module once TinySDF sets the direction of its own context.
 */

const patched = Symbol.for("incident-atlas.offscreen-2d-ltr");

type GetContext = OffscreenCanvas["getContext"];
type Patchable = GetContext & { [patched]?: true };

/** Makes every new OffscreenCanvas 2D context start left to right. Safe to call more than once. */
export function drawCanvasTextLeftToRight(): void {
  if (typeof OffscreenCanvas === "undefined") return;
  const prototype = OffscreenCanvas.prototype;
  const original = prototype.getContext as Patchable;
  if (original[patched]) return;
  const getContext = function (this: OffscreenCanvas, ...args: Parameters<GetContext>) {
    const context = original.apply(this, args);
    if (args[0] === "2d" && context) (context as OffscreenCanvasRenderingContext2D).direction = "ltr";
    return context;
  } as Patchable;
  getContext[patched] = true;
  prototype.getContext = getContext;
}
