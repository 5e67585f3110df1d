/*
 * Incident Atlas: the responsive embed code's script. The host page includes it once, from the map's own server,
 * beside one or more <iframe data-incident-atlas> of that server; it sets each frame's height to the one the map
 * asks for (docs/embedding.md, "A responsive embed code"). No cookies, no requests, nothing from third parties.
 *
 * Origins are checked both ways: the script asks only frames of the server it came from, posting to that origin;
 * it takes a height only from its own frame's window, from that origin, in the shape src/core/embed-resize.ts
 * defines. The two message types and the limits below must equal that module's (a unit test checks).
 */
(() => {
  const REQUEST_TYPE = "incident-atlas:height-request";
  const MESSAGE_TYPE = "incident-atlas:height";
  const MIN_HEIGHT = 300;
  const MAX_HEIGHT = 720;

  const script = document.currentScript;
  if (!script?.src) return;
  const mapOrigin = new URL(script.src).origin;
  const frames = new Set();

  function originOf(frame) {
    try {
      return new URL(frame.getAttribute("src") || "", document.baseURI).origin;
    } catch {
      return null;
    }
  }

  function ask(frame) {
    // Until the map's page has replaced it, the frame holds an empty document of this page's origin: not asked.
    if (frame.contentWindow && frame.contentDocument === null) {
      frame.contentWindow.postMessage({ type: REQUEST_TYPE }, mapOrigin);
    }
  }

  function adopt(frame) {
    if (frames.has(frame) || originOf(frame) !== mapOrigin) return;
    frames.add(frame);
    frame.addEventListener("load", () => ask(frame));
    ask(frame);
  }

  function heightOf(data) {
    if (typeof data !== "object" || data === null || data.type !== MESSAGE_TYPE) return null;
    const height = data.height;
    if (typeof height !== "number" || !Number.isInteger(height)) return null;
    return height >= MIN_HEIGHT && height <= MAX_HEIGHT ? height : null;
  }

  window.addEventListener("message", (event) => {
    if (event.origin !== mapOrigin) return;
    const height = heightOf(event.data);
    if (height === null) return;
    for (const frame of frames) {
      if (frame.contentWindow === event.source) frame.style.height = `${height}px`;
    }
  });

  function adoptAll() {
    for (const frame of document.querySelectorAll("iframe[data-incident-atlas]")) adopt(frame);
  }
  adoptAll();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", adoptAll);
})();
