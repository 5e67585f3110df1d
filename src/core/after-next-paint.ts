/**
 * Runs `task` once the next frame is painted: a timer started from that frame's animation callback. Work that
 * can wait a frame (a map update, a URL write) then no longer delays the paint of what a reader's action changed
 * on the page. Without frames (Node, a hidden tab's tests), after the current task. Returns a cancel function.
 */
export function afterNextPaint(task: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  if (typeof requestAnimationFrame !== "function") {
    timer = setTimeout(task, 0);
    return () => clearTimeout(timer ?? undefined);
  }
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(task, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
  };
}
