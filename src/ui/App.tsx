import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { withLang, withSelected } from "../core/selection-actions.ts";
import { encodeViewHref } from "../core/url-codec.ts";
import { DEFAULT_VIEW, type ViewState } from "../core/view-state.ts";
import { directionOf } from "../i18n/direction.ts";
import { formatMessage, messagesFor } from "../i18n/messages.ts";
import type { Store } from "../state/store.ts";
import { EmbedList } from "./EmbedList.tsx";
import { EmbedFilters } from "./filters/EmbedFilters.tsx";
import { IncidentList } from "./IncidentList.tsx";
import { IncidentPanel, IncidentPanelPending } from "./IncidentPanel.tsx";
import { LangSwitch } from "./LangSwitch.tsx";
import { Legend } from "./Legend.tsx";
import { type EarlyMap, type MapApi, MapView } from "./MapView.tsx";
import { ShareButton } from "./share/ShareButton.tsx";

export interface AppProps {
  store: Store;
  /** Slot for the filter controls (src/ui/filters/FilterBar), shown under the header. */
  filterBar?: ComponentChildren;
  /** Slot for the timeline (src/ui/filters/Timeline), shown under the map. */
  timeline?: ComponentChildren;
  /** Slot for notices about parts of the link that were left out. */
  notices?: ComponentChildren;
  /** A map started while the data loaded (main.tsx), adopted by the map view. */
  earlyMap?: EarlyMap | undefined;
}

/**
 * Absolute address of `view` on this deployment, whatever sub-path it is served from. Built from the page's
 * path, not its full href, so an empty query does not keep the old one.
 */
function buildViewUrl(view: ViewState): string {
  return new URL(encodeViewHref(view), window.location.origin + window.location.pathname).href;
}

async function noMapYet(): Promise<Blob> {
  throw new Error("the map is not drawn (no WebGL)");
}

/** Where focus goes when the details close and the control that opened them is gone or hidden. */
const FOCUS_AFTER_PANEL = '.list-rows [tabindex="0"], [data-testid="embed-list-button"]';

const PHONE_QUERY = "(max-width: 640px)";
/** A phone, or a short window (short-viewport.css): the map has no room to spare for an open legend. */
const SMALL_QUERY = "(max-width: 640px), (max-height: 500px)";

function useMediaQuery(media: string): boolean {
  const [matches, setMatches] = useState(() => matchMedia(media).matches);
  useEffect(() => {
    const query = matchMedia(media);
    const onChange = () => setMatches(query.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, [media]);
  return matches;
}

/**
 * Page layout: header (title, language), filter bar slot, then list | map (+ timeline slot) | detail panel.
 * On a phone the columns stack and the panel takes the list's place as a bottom sheet. Logical CSS
 * properties mirror everything for Arabic.
 */
export function App({ store, filterBar, timeline, notices, earlyMap }: AppProps) {
  const lang = store.view.value.lang;
  const selected = store.selected.value;
  // Selected, but its claims and sources have not arrived yet (a big sheet loads them after the first render).
  const selectedIndex = store.selectedIndex.value;
  const pending = selected === null && (selectedIndex >= 0 || store.view.value.selected !== null);
  const pendingRow = pending && selectedIndex >= 0 ? store.row(selectedIndex) : null;
  const m = messagesFor(lang);
  const phone = useMediaQuery(PHONE_QUERY);
  const small = useMediaQuery(SMALL_QUERY);
  const returnFocus = useRef<HTMLElement | null>(null);
  const [mapApi, setMapApi] = useState<MapApi | null>(null);
  const embed = store.view.value.embed.enabled;

  useEffect(() => {
    const root = document.documentElement;
    root.lang = lang;
    root.dir = directionOf(lang);
    document.title = m.appTitle;
    document.querySelector('meta[name="description"]')?.setAttribute("content", m.metaDescription);
  }, [lang, m.appTitle, m.metaDescription]);

  // Remember where focus was when the panel opened, to give it back when the panel closes.
  const open = selected !== null || pending;
  useEffect(() => {
    if (open) {
      const active = document.activeElement;
      if (active instanceof HTMLElement && !active.closest(".incident-panel")) returnFocus.current = active;
    }
  }, [open]);

  // In a short window the page scrolls (short-viewport.css) and the details may open out of sight: bring them in.
  const selectedId = store.view.value.selected;
  useEffect(() => {
    if (open && !embed)
      document.querySelector(".app-main > .panel-pane")?.scrollIntoView({ block: "nearest" });
  }, [open, selectedId, embed]);

  function close(): void {
    store.update((view) => withSelected(view, null));
    const target = returnFocus.current;
    returnFocus.current = null;
    // The row may have been recycled by the virtual list, or folded away with the embed's list: fall back to the
    // list's current tab stop, or to the button that unfolds the list.
    requestAnimationFrame(() => {
      const fallbacks = [target, ...document.querySelectorAll<HTMLElement>(FOCUS_AFTER_PANEL)];
      fallbacks.find((element) => element?.isConnected && element.getClientRects().length > 0)?.focus();
    });
  }

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape" && store.view.value.selected !== null && !event.defaultPrevented) close();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  });

  const otherLang = lang === "en" ? "ar" : "en";
  const panel = selected ? (
    <div class="panel-pane" data-map-overlay key="panel">
      <IncidentPanel incident={selected} lang={lang} onClose={close} />
    </div>
  ) : pending ? (
    <div class="panel-pane" data-map-overlay key="panel">
      <IncidentPanelPending row={pendingRow} error={store.detailsError.value} lang={lang} onClose={close} />
    </div>
  ) : null;
  const list = embed ? null : (
    <section class="list-pane" aria-labelledby="list-heading" key="list">
      <IncidentList store={store} />
    </section>
  );
  const classes = ["app", open ? "panel-open" : "", embed ? "embed" : ""].filter(Boolean).join(" ");
  return (
    <div class={classes} data-testid="app">
      <a class="skip-link" href="#incident-list">
        {m.skipToList}
      </a>
      <header class="app-header">
        <div class="brand">
          <h1>{m.appTitle}</h1>
          <p class="subtitle">{m.appSubtitle}</p>
        </div>
        <div class="header-actions">
          {embed ? <EmbedList store={store} /> : null}
          {embed && filterBar ? <EmbedFilters store={store}>{filterBar}</EmbedFilters> : null}
          {embed ? (
            <a
              class="button full-map-link"
              href={buildViewUrl({ ...store.view.value, embed: DEFAULT_VIEW.embed })}
              target="_blank"
              rel="noopener"
              data-testid="open-full-map"
            >
              {/* A narrow frame shows the short label (embed.css); screen readers always hear the long one. */}
              <span class="label-long">{m.openFullMap}</span>
              <span class="label-short" aria-hidden="true">
                {m.openFullMapShort}
              </span>
            </a>
          ) : (
            <ShareButton
              store={store}
              buildViewUrl={buildViewUrl}
              exportImage={() => (mapApi ? mapApi.exportImage() : noMapYet())}
            />
          )}
          <LangSwitch
            lang={lang}
            testId="lang-switch"
            onSwitch={() => store.update((view) => withLang(view, otherLang))}
          />
        </div>
      </header>
      {((filterBar && !embed) || notices) && (
        <div class="slot-filter-bar" data-slot="filter-bar">
          {notices}
          {embed ? null : filterBar}
        </div>
      )}
      <main class="app-main">
        {/* The DOM follows the screen, so Tab does: the list beside the map comes first, under it (a phone) last. */}
        {phone ? null : list}
        <div class="map-pane" key="map">
          <div class="map-frame">
            <MapView store={store} early={earlyMap} onReady={setMapApi} />
            <Legend lang={lang} open={!small && !embed} />
            {/* In an embed the panel is a sheet over the map (beside it when wide), not a column of the page. */}
            {embed ? panel : null}
          </div>
          {embed && (
            <p class="embed-credit" data-testid="embed-credit">
              {formatMessage(m.embedCredit, { count: store.meta.sources.length }, lang)}
            </p>
          )}
          {timeline && (
            <div class="slot-timeline" data-slot="timeline">
              {timeline}
            </div>
          )}
        </div>
        {embed ? null : panel}
        {phone ? list : null}
      </main>
    </div>
  );
}
