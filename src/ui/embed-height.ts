import { heightMessage, isHeightRequest } from "../core/embed-resize.ts";

/**
 * In an embed, answers the host page's public/embed.js with the frame height the embed wants, and again whenever
 * the frame's width changes (the column reflowed, the phone turned). Answers only the parent window, and only to
 * the origin the browser reports for its request: the embed never posts to `*` and never to a page that did not ask.
 * A frame without the script (the fixed-height code) gets no request and posts nothing. Returns dispose.
 */
export function answerHeightRequests(win: Window = window): () => void {
  if (win.parent === win) return () => {};
  let hostOrigin: string | null = null;
  let lastHeight = -1;

  const post = () => {
    if (hostOrigin === null) return;
    const message = heightMessage(win.innerWidth);
    if (message.height === lastHeight) return;
    lastHeight = message.height;
    win.parent.postMessage(message, hostOrigin);
  };
  const onMessage = (event: MessageEvent) => {
    // A sandboxed or file:// host has the opaque origin "null", which postMessage cannot address.
    if (event.source !== win.parent || !isHeightRequest(event.data) || event.origin === "null") return;
    hostOrigin = event.origin;
    lastHeight = -1; // a new request (the host reloaded its script) gets an answer even if nothing changed
    post();
  };
  win.addEventListener("message", onMessage);
  win.addEventListener("resize", post);
  return () => {
    win.removeEventListener("message", onMessage);
    win.removeEventListener("resize", post);
  };
}
