import { useEffect, useRef } from "preact/hooks";

interface BrushDragOptions {
  /** Bars on the timeline. */
  binCount: number;
  /** The selected bars, first and last. */
  k0: number;
  k1: number;
  locked: boolean;
  /** Selects bars a..b (either order). */
  selectBins: (a: number, b: number) => void;
  /** A drag began (stops play). */
  onStart: () => void;
}

/**
 * The timeline's pointer brush: drag across the bars to choose a period, or drag a handle to move one end.
 * Returns the plot's ref and its pointer handlers.
 */
export function useBrushDrag({ binCount, k0, k1, locked, selectBins, onStart }: BrushDragOptions) {
  const plot = useRef<HTMLDivElement>(null);
  const drag = useRef<{ anchor: number; rtl: boolean } | null>(null);
  const pending = useRef<[number, number] | null>(null);
  const frame = useRef(0);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  function binAt(clientX: number, rtl: boolean): number {
    const rect = (plot.current as HTMLDivElement).getBoundingClientRect();
    const rel = (clientX - rect.left) / Math.max(1, rect.width);
    return Math.min(binCount - 1, Math.max(0, Math.floor((rtl ? 1 - rel : rel) * binCount)));
  }

  // Store updates during a drag are batched per animation frame: counts, list and bars follow live.
  function schedule(a: number, b: number): void {
    pending.current = [a, b];
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const next = pending.current;
      pending.current = null;
      if (next) selectBins(next[0], next[1]);
    });
  }

  function onPointerDown(event: PointerEvent): void {
    if (locked || event.button !== 0 || !plot.current) return;
    event.preventDefault();
    onStart();
    const rtl = getComputedStyle(plot.current).direction === "rtl";
    const k = binAt(event.clientX, rtl);
    const handle = (event.target as Element).closest("[data-handle]")?.getAttribute("data-handle");
    // Grabbing a handle keeps the other end; anywhere else starts a new period at the pointer.
    const anchor = handle === "start" ? k1 : handle === "end" ? k0 : k;
    drag.current = { anchor, rtl };
    plot.current.setPointerCapture(event.pointerId);
    if (handle === "start" || handle === "end") (event.target as HTMLElement).focus();
    schedule(anchor, k);
  }

  function onPointerMove(event: PointerEvent): void {
    if (!drag.current) return;
    schedule(drag.current.anchor, binAt(event.clientX, drag.current.rtl));
  }

  function onPointerUp(): void {
    drag.current = null;
  }

  return { plot, onPointerDown, onPointerMove, onPointerUp };
}
