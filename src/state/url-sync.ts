import { effect } from "@preact/signals";
import { afterNextPaint } from "../core/after-next-paint.ts";
import {
  decodeViewState,
  encodeViewHref,
  type KnownIds,
  type ViewNotice,
  viewChangeKind,
} from "../core/url-codec.ts";
import type { ViewState } from "../core/view-state.ts";
import type { Store } from "./store.ts";

/**
 * The only module that touches `location` and `history` (STYLE §4.3): the URL is `encodeViewHref(view)`.
 *
 * History policy (issue #5: back/forward move through changes):
 * - a discrete change (an actor picked, a chip removed, an incident opened, the language) pushes an entry;
 * - a run of the same kind of change less than COALESCE_MS apart (brush drag, typing, play stepping)
 *   replaces the entry it started, so Back undoes the whole drag rather than each pixel of it;
 * - camera moves always replace: panning is not a step readers expect Back to undo;
 * - in an embed (`embed=1`) everything replaces: an iframe's pushes join the host page's history and Back
 *   would walk the embed instead of leaving the article;
 * - the first write after loading (canonicalising the URL) and the write after Back/Forward replace.
 *
 * The URL is written after the change has been painted, not in the task that made it: Chromium lays the page out
 * synchronously inside `pushState`/`replaceState` when the DOM has changed since the last frame (to save the scroll
 * anchor), so writing it in the change's own task made that task wait for a layout the next frame does anyway.
 * Changes made before the write are one write: a push if any of them called for one, else a replace.
 */

/** Changes of the same kind closer together than this are one history entry. */
const COALESCE_MS = 1000;

/** Reads the view from the page's current URL. */
export function readViewFromLocation(known: KnownIds): { view: ViewState; notices: ViewNotice[] } {
  return decodeViewState(window.location.search, window.location.hash, known);
}

export interface UrlSyncOptions {
  /** Called with the notices of a URL reached by Back/Forward (the first load's come from readViewFromLocation). */
  onNotices?: (notices: ViewNotice[]) => void;
  /** Clock, for tests. */
  now?: () => number;
  /** Runs the URL write later; by default once the next frame is painted. Tests pass one that runs it at once. */
  schedule?: (write: () => void) => void;
}

/**
 * Keeps the URL and `store.view` in step: view changes write the URL, Back/Forward write the view.
 * Returns dispose.
 * @example
 * const { view, notices } = readViewFromLocation(known);
 * const store = createStore(collection, view);
 * const disposeUrlSync = mountUrlSync(store, known);
 */
export function mountUrlSync(store: Store, known: KnownIds, options: UrlSyncOptions = {}): () => void {
  const now = options.now ?? (() => performance.now());
  const schedule = options.schedule ?? afterNextPaint;
  let previous: ViewState | null = null;
  /** The URL the view calls for, not written yet; `replace` unless one of the changes it holds is a step. */
  let pending: { href: string; replace: boolean } | null = null;
  const writtenHref = () => window.location.search + window.location.hash;

  const write = () => {
    const next = pending;
    pending = null;
    if (!next || next.href === writtenHref()) return;
    // A relative URL: the path stays (the app may be served from any sub-path); "" query and hash drop out.
    const url = `${window.location.pathname}${next.href}`;
    if (next.replace) window.history.replaceState(window.history.state, "", url);
    else window.history.pushState(null, "", url);
  };
  let lastKind: string | null = null;
  let lastWriteAt = Number.NEGATIVE_INFINITY;
  let restoring = false;

  const disposeEffect = effect(() => {
    const view = store.view.value;
    const before = previous;
    previous = view;
    const href = encodeViewHref(view);
    if (href === (pending?.href ?? writtenHref())) return;
    const kind = before === null ? null : viewChangeKind(before, view);
    const at = now();
    const replace =
      before === null ||
      restoring ||
      view.embed.enabled ||
      kind === "camera" ||
      (kind !== null && kind === lastKind && at - lastWriteAt < COALESCE_MS);
    if (pending) {
      pending.href = href;
      pending.replace &&= replace;
    } else {
      pending = { href, replace };
      schedule(write);
    }
    if (kind !== "camera") {
      lastKind = kind;
      lastWriteAt = at;
    }
  });

  const onPopState = () => {
    // Back/Forward goes to an entry the reader chose: a change not written yet is not written over it.
    pending = null;
    const { view, notices } = readViewFromLocation(known);
    restoring = true;
    try {
      store.update(() => view);
    } finally {
      restoring = false;
    }
    lastKind = null;
    if (notices.length > 0) options.onNotices?.(notices);
  };
  window.addEventListener("popstate", onPopState);

  return () => {
    window.removeEventListener("popstate", onPopState);
    disposeEffect();
  };
}
