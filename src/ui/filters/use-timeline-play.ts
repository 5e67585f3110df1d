import { useEffect, useRef, useState } from "preact/hooks";
import { dayNumberToIsoDay } from "../../core/day-number.ts";
import { binRange, type DayRange, nextPlayWindow } from "../../core/timeline.ts";
import { withDateRange } from "../../core/view-actions.ts";
import type { Store } from "../../state/store.ts";

/** Time between two steps of "play": long enough to read the count and see the map change. */
const PLAY_INTERVAL_MS = 900;

interface TimelinePlayOptions {
  store: Store;
  /** The bars' first days (and the day after the last bar). */
  edges: Int32Array;
  /** The selected bars, first and last; `hasRange` false when no date range is chosen. */
  k0: number;
  k1: number;
  hasRange: boolean;
  locked: boolean;
}

/**
 * "Play": steps the selected period through time, one period at a time, until it reaches the end. Starts from
 * the beginning when there is no period yet or it already reached the end; stops when the embed is locked.
 */
export function useTimelinePlay({ store, edges, k0, k1, hasRange, locked }: TimelinePlayOptions) {
  const [playing, setPlaying] = useState(false);
  const playWindow = useRef<DayRange | null>(null);
  playWindow.current = hasRange ? binRange(edges, k0, k1) : null;
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const next = nextPlayWindow(edges, playWindow.current);
      if (next === null) {
        setPlaying(false);
        return;
      }
      store.update((v) => withDateRange(v, dayNumberToIsoDay(next.start), dayNumberToIsoDay(next.end)));
    }, PLAY_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [playing, edges, store]);

  function togglePlay(): void {
    if (playing) {
      setPlaying(false);
      return;
    }
    const current = playWindow.current;
    const start =
      current === null
        ? binRange(edges, 0, 0)
        : nextPlayWindow(edges, current) === null
          ? binRange(edges, 0, k1 - k0)
          : null;
    if (start)
      store.update((v) => withDateRange(v, dayNumberToIsoDay(start.start), dayNumberToIsoDay(start.end)));
    setPlaying(true);
  }
  useEffect(() => {
    if (locked) setPlaying(false);
  }, [locked]);

  return { playing, setPlaying, togglePlay };
}
