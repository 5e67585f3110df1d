import { effect } from "@preact/signals";
import { render } from "preact";
import { warmFormatters } from "./core/format.ts";
import type { KnownIds } from "./core/url-codec.ts";
import { decodeViewState } from "./core/url-codec.ts";
import { DEFAULT_VIEW } from "./core/view-state.ts";
import { messagesFor } from "./i18n/messages.ts";
import { createStore, type Store } from "./state/store.ts";
import { openTableService, type TableService } from "./state/table-service.ts";
import { mountUrlSync } from "./state/url-sync.ts";
import { App } from "./ui/App.tsx";
import { ErrorScreen } from "./ui/ErrorScreen.tsx";
import { ActiveFilterChips } from "./ui/filters/ActiveFilterChips.tsx";
import { FilterBar } from "./ui/filters/FilterBar.tsx";
import { Timeline } from "./ui/filters/Timeline.tsx";
import { UrlNotices } from "./ui/filters/UrlNotices.tsx";
import { type EarlyMap, feedEarlyMap, firstRenderDone, startEarlyMap } from "./ui/MapView.tsx";
import { MissingFiles } from "./ui/MissingFiles.tsx";
import "./ui/app.css";
import "./ui/embed.css";
import "./ui/forced-colors.css";
import "./ui/short-viewport.css";
import "./ui/focus-visible.css";
import { answerHeightRequests } from "./ui/embed-height.ts";

/** Relative, so the built app works from any sub-path (/maps/syria/). */
const TABLE_URL = "data/table/";

/**
 * The ids a URL may name. Incident ids are answered by the store: ids it has met, and the URL's own id,
 * looked up in the table before the URL is decoded. An id met later (Back to an older link) is let through
 * and simply selects nothing when the table does not have it.
 */
function knownIdsOf(store: Store, checked: ReadonlyMap<string, boolean>): KnownIds {
  const incidents = new (class extends Set<string> {
    override has(id: string): boolean {
      return checked.get(id) ?? (store.indexOfId(id) >= 0 || !checked.has(id));
    }
    override get size(): number {
      return store.table.count;
    }
  })();
  const { meta } = store;
  return {
    actors: new Set(meta.actors.map((a) => a.id)),
    sources: new Set(meta.sources.map((s) => s.id)),
    types: new Set(meta.event_types.map((t) => t.id)),
    governorates: new Set(meta.governorates.map((g) => g.id)),
    incidents,
  };
}

/**
 * Lets the browser paint and handle input before the next step: receiving the worker's message, building
 * the store and the first render are each their own task rather than one long one.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The language to show while the data loads (the full URL is decoded once the ids are known). */
function langFromLocation(): "en" | "ar" {
  return new URLSearchParams(window.location.search).get("lang") === "ar" ? "ar" : DEFAULT_VIEW.lang;
}

/** Language, camera and embed mode from the URL alone: enough to start the map before the data is here. */
function earlyMapStart() {
  const none = new Set<string>();
  const known: KnownIds = { actors: none, sources: none, types: none, governorates: none, incidents: none };
  const { view } = decodeViewState(window.location.search, window.location.hash, known);
  return { lang: view.lang, camera: view.camera, embed: view.embed.enabled, bounds: null };
}

/** The table folder's address on this deployment. */
function tableBase(): string {
  return new URL(TABLE_URL, document.baseURI).href;
}

/** A progress line for a large table: the bytes of its columns received so far. */
function showProgress(root: HTMLElement, loaded: number, total: number): void {
  const lang = langFromLocation();
  const percent = total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
  let bar = root.querySelector<HTMLProgressElement>("progress.data-progress");
  if (!bar) {
    bar = document.createElement("progress");
    bar.className = "data-progress";
    bar.max = 100;
    bar.dataset.testid = "data-progress";
    bar.setAttribute("aria-label", messagesFor(lang).loadingIncidents);
    root.appendChild(bar);
  }
  bar.value = percent;
}

async function start(
  root: HTMLElement,
  earlyMap: EarlyMap | undefined,
  loading: Promise<TableService> = openTableService(tableBase(), (loaded, total) =>
    showProgress(root, loaded, total),
  ),
): Promise<void> {
  root.setAttribute("aria-busy", "true");
  let store: Store;
  let known: KnownIds;
  let decoded: ReturnType<typeof decodeViewState>;
  try {
    // Decoded in the data worker; validated when it was built (npm run data:build), not here.
    const service = await loading;
    await nextTask();
    // The URL's incident id is looked up in the table before the URL is decoded, so an unknown one is reported.
    const checked = new Map<string, boolean>();
    const id = new URLSearchParams(window.location.search).get("id");
    if (id) {
      const [p] = await service.positionsOf([id]);
      checked.set(id, p !== undefined && p >= 0);
    }
    decoded = decodeViewState(
      window.location.search,
      window.location.hash,
      knownBeforeStore(service, checked),
    );
    store = createStore(service, decoded.view);
    if (id && checked.get(id)) await store.resolveIds([id]);
    known = knownIdsOf(store, checked);
    await store.ready;
  } catch (error) {
    console.error(error);
    root.removeAttribute("aria-busy");
    render(
      <ErrorScreen
        lang={langFromLocation()}
        detail={error instanceof Error ? error.message : String(error)}
        onRetry={() => void start(root, earlyMap)}
      />,
      root,
    );
    return;
  }
  root.querySelector("progress.data-progress")?.remove();
  const { notices } = decoded;
  feedEarlyMap(earlyMap, store);
  let showNotices = (_: typeof notices) => {};
  mountUrlSync(store, known, { onNotices: (later) => showNotices(later) });
  root.removeAttribute("aria-busy");
  await nextTask();

  function draw(current: typeof notices): void {
    const { embed } = store.view.value;
    render(
      <App
        store={store}
        notices={
          <>
            <MissingFiles lang={store.view.value.lang} />
            <UrlNotices notices={current} lang={store.view.value.lang} />
          </>
        }
        filterBar={
          <>
            {embed.enabled && !embed.controls ? null : <FilterBar store={store} />}
            <ActiveFilterChips store={store} />
          </>
        }
        timeline={embed.enabled && !embed.timeline ? undefined : <Timeline store={store} />}
        earlyMap={earlyMap}
      />,
      root,
    );
  }
  showNotices = draw;
  draw(notices);
  // For tools that wait for the page to be fully loaded (the benchmark): the filter's answer is drawn.
  effect(() => {
    if (!store.searchPending.value) root.dataset.load = "complete";
  });
  // On the full page a reader who starts using it may well search next: the first pointer, key or wheel input after
  // the first render fetches the index while they get to the box. A reader who only looks downloads nothing more,
  // and an embed (read inside a news page) waits for its search box's focus.
  if (!store.view.value.embed.enabled) {
    void firstRenderDone(earlyMap, store).then(() =>
      onFirstInput(() => whenIdle(() => store.prepareSearch())),
    );
  }
  // Who took part in and who reported each incident (relations.bin) is needed by a filter by actor, source or text
  // and by an exported image, never by first render: fetched once the page is drawn and idle, or, in an embed, at
  // the reader's first input, so first render never waits for it (unless the link itself filters by them).
  void firstRenderDone(earlyMap, store)
    .then(afterTwoFrames)
    .then(() => {
      if (store.view.value.embed.enabled) onFirstInput(() => whenIdle(() => store.prepareRelations()));
      else whenIdle(() => store.prepareRelations());
    });
}

/** Resolves once two more frames are painted: what the map drew on its last idle is on screen. */
function afterTwoFrames(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/** Runs `task` once, at the reader's first pointer, key, wheel or touch input. */
function onFirstInput(task: () => void): void {
  const kinds = ["pointermove", "pointerdown", "keydown", "wheel", "touchstart"] as const;
  const once = () => {
    for (const kind of kinds) window.removeEventListener(kind, once, true);
    task();
  };
  for (const kind of kinds) window.addEventListener(kind, once, { capture: true, passive: true });
}

function whenIdle(task: () => void): void {
  if ("requestIdleCallback" in window) requestIdleCallback(task, { timeout: 5000 });
  else setTimeout(task, 1000);
}

/** The vocabularies from the table's dictionaries, and the URL's incident id as looked up. */
function knownBeforeStore(service: TableService, checked: ReadonlyMap<string, boolean>): KnownIds {
  const { meta } = service.table;
  const anyId = new (class extends Set<string> {
    override has(id: string): boolean {
      return checked.get(id) ?? true;
    }
  })();
  return {
    actors: new Set(meta.actors.map((a) => a.id)),
    sources: new Set(meta.sources.map((s) => s.id)),
    types: new Set(meta.event_types.map((t) => t.id)),
    governorates: new Set(meta.governorates.map((g) => g.id)),
    incidents: anyId,
  };
}

const root = document.getElementById("app");
if (root) {
  // The download starts first; the map's start-up (a long task in software WebGL) runs while it arrives.
  const loading = openTableService(tableBase(), (loaded, total) => showProgress(root, loaded, total));
  const early = earlyMapStart();
  // Listening from the start: the host's script asks as soon as the frame has loaded, long before the data.
  if (early.embed) answerHeightRequests();
  void start(root, startEarlyMap(early), loading);
  // While the worker reads the data and the main thread is otherwise idle.
  const whenIdle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 0));
  whenIdle(() => warmFormatters(early.lang));
}
