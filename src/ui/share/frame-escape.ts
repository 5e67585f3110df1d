/**
 * Escape pressed inside the embed preview reaches the preview's own page, not the dialog's `cancel`: listen
 * there too (the preview is this site's own page; a frame the browser will not let us read is left alone).
 */
export function listenForEscape(frame: HTMLIFrameElement, close: () => void): void {
  let inner: Window | null = null;
  try {
    inner = frame.contentWindow;
    inner?.document;
  } catch {
    return;
  }
  inner?.addEventListener("keydown", (event: KeyboardEvent) => {
    if (event.key === "Escape" && !event.defaultPrevented) close();
  });
}
