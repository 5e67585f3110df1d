import { useEffect, useRef, useState } from "preact/hooks";
import { describeView } from "../../core/describe-view.ts";
import {
  createEmbedSnippet,
  createResizingEmbedSnippet,
  EMBED_SIZE,
  normalizeEmbedSize,
} from "../../core/embed-snippet.ts";
import { exportGeoJson, exportSheets } from "../../core/export-sheets.ts";
import { formatShortDate } from "../../core/format.ts";
import type { IncidentRow } from "../../core/incident-row.ts";
import type { SheetName } from "../../core/sheet-columns.ts";
import { DEFAULT_VIEW, type Lang, type ViewState } from "../../core/view-state.ts";
import { formatMessage, messagesFor } from "../../i18n/messages.ts";
import { allPositions, type Store } from "../../state/store.ts";
import { downloadBlob, downloadTextFiles } from "./download.ts";
import { listenForEscape } from "./frame-escape.ts";
import "./share.css";

export interface ShareDialogProps {
  store: Store;
  /** Absolute URL (https://host/sub/path/?…#zoom/lat/lon) reproducing `view`, from the URL codec. */
  buildViewUrl: (view: ViewState) => string;
  /** A PNG of the map as it is now, with its caption (the lead wires map/export-image.ts in). */
  exportImage: () => Promise<Blob>;
  onClose: () => void;
}

/** The sheets in the order a maintainer reads them; also the download order. */
const SHEETS: readonly SheetName[] = [
  "incidents.csv",
  "claims.csv",
  "sources.csv",
  "actors.csv",
  "places.csv",
];

/** At most this many incidents are offered for pre-selection: a select with 100k options is unusable. */
const MAX_PRESELECT_OPTIONS = 300;

/** Starting choices of the embed generator: a journalist's embed should stay as chosen, so filters are locked. */
const DEFAULT_EMBED = {
  locked: true, // readers explore, but cannot change what the article's map shows
  controls: false, // compact: the filter controls take room a 300×250 frame does not have
  timeline: true, // the timeline explains the date range at a glance
  width: EMBED_SIZE.defaultWidth,
  height: EMBED_SIZE.defaultHeight,
  responsive: true, // articles are read on phones
} as const;

type Busy = "png" | "csv" | "geojson" | null;

/**
 * The share dialog: a link to the current view, an embed-code generator with a live preview, and
 * downloads of the view as an image and as data. A native modal <dialog>: the page behind it is inert
 * (focus stays inside), Escape or a click on the backdrop closes it, and focus returns to what opened it.
 */
export function ShareDialog({ store, buildViewUrl, exportImage, onClose }: ShareDialogProps) {
  const view = store.view.value;
  const visible = store.visible.value;
  const lang = view.lang;
  const s = messagesFor(lang).share;
  const meta = store.meta;

  const dialogRef = useRef<HTMLDialogElement>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLTextAreaElement>(null);
  const resizingCodeRef = useRef<HTMLTextAreaElement>(null);
  const [locked, setLocked] = useState<boolean>(DEFAULT_EMBED.locked);
  const [controls, setControls] = useState<boolean>(DEFAULT_EMBED.controls);
  const [timeline, setTimeline] = useState<boolean>(DEFAULT_EMBED.timeline);
  const [embedLang, setEmbedLang] = useState<Lang>(lang);
  const [preselected, setPreselected] = useState<string>(view.selected ?? "");
  const [widthText, setWidthText] = useState(String(DEFAULT_EMBED.width));
  const [heightText, setHeightText] = useState(String(DEFAULT_EMBED.height));
  const [responsive, setResponsive] = useState<boolean>(DEFAULT_EMBED.responsive);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState<Busy>(null);

  // Read through a ref: the effect below must run once, or the dialog would close and reopen (losing
  // focus) whenever the parent passes a new `onClose`.
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    // The dialog unmounts when it closes, too late for the browser's own focus restoration: do it here.
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    // A click on the <dialog> element itself (not its padded body) is a click on the backdrop; the
    // keyboard way to the same is Escape, handled by the native `cancel` event.
    const onBackdrop = (event: MouseEvent) => {
      if (event.target === dialog) onCloseRef.current();
    };
    dialog.addEventListener("click", onBackdrop);
    return () => {
      dialog.removeEventListener("click", onBackdrop);
      dialog.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  // The link opens the full app, whatever the embed options of the current page.
  const shareUrl = buildViewUrl({ ...view, embed: DEFAULT_VIEW.embed });
  const embedView: ViewState = {
    ...view,
    lang: embedLang,
    selected: preselected === "" ? null : preselected,
    embed: { enabled: true, locked, controls, timeline },
  };
  const embedUrl = buildViewUrl(embedView);
  const size = normalizeEmbedSize(Number(widthText), Number(heightText));
  const preselectedIndex = preselected === "" ? -1 : store.indexOfId(preselected);
  const preselectedIncident = preselectedIndex < 0 ? undefined : (store.row(preselectedIndex) ?? undefined);
  const embedTitle = [
    `${messagesFor(embedLang).share.embedTitlePrefix}: ${describeView(view.filters, meta, embedLang)}`,
    preselectedIncident ? titleOf(preselectedIncident, embedLang) : "",
  ]
    .filter(Boolean)
    .join(" · ");
  let snippet = "";
  let resizingSnippet = "";
  let snippetError = "";
  try {
    snippet = createEmbedSnippet({ url: embedUrl, title: embedTitle, ...size, responsive });
    resizingSnippet = createResizingEmbedSnippet({ url: embedUrl, title: embedTitle, ...size });
  } catch (error) {
    snippetError = formatMessage(s.embedUrlFailed, { message: messageOf(error) }, lang);
  }

  // Not memoised: rows arrive with their shards, and reading them here re-renders the dialog when they do.
  const preselectOptions: IncidentRow[] = [];
  for (const index of visible.subarray(0, MAX_PRESELECT_OPTIONS)) {
    const row = store.row(index);
    if (row) preselectOptions.push(row);
  }
  const current = view.selected;
  if (current && !preselectOptions.some((row) => row.id === current)) {
    const index = store.indexOfId(current);
    const row = index < 0 ? null : store.row(index);
    if (row) preselectOptions.unshift(row);
  }

  async function copy(text: string, field: HTMLInputElement | HTMLTextAreaElement | null): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(s.copied);
    } catch {
      // Clipboard access needs a secure context and permission; leave the text selected instead.
      field?.focus();
      field?.select();
      setStatus(s.copyFailed);
    }
  }

  async function run(kind: Exclude<Busy, null>, task: () => Promise<void>): Promise<void> {
    setBusy(kind);
    setStatus(s.working);
    try {
      await task();
      setStatus(s.exportDone);
    } catch (error) {
      setStatus(formatMessage(s.exportFailed, { message: messageOf(error) }, lang));
    } finally {
      setBusy(null);
    }
  }

  const exportPng = () =>
    run("png", async () => {
      downloadBlob("incident-atlas-map.png", await exportImage());
    });
  const exportCsv = () =>
    run("csv", async () => {
      // The incidents' text comes shard by shard: the export waits for the shards it needs.
      const collection = await store.loadCollection(visible);
      const files = exportSheets(collection, allPositions(collection.features.length));
      await downloadTextFiles(
        SHEETS.map((name) => ({ name, text: files[name], type: "text/csv;charset=utf-8" })),
      );
    });
  const exportGeo = () =>
    run("geojson", async () => {
      const collection = await store.loadCollection(visible);
      const text = exportGeoJson(collection, allPositions(collection.features.length));
      downloadBlob("incidents.geojson", new Blob([text], { type: "application/geo+json" }));
    });

  return (
    <dialog
      ref={dialogRef}
      class="share-dialog"
      data-testid="share-dialog"
      aria-labelledby="share-dialog-title"
      lang={lang}
      dir={lang === "ar" ? "rtl" : "ltr"}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div class="share-dialog__body">
        {/* A div, not <header>: inside a dialog a header is a second "banner" landmark beside the page's. */}
        <div class="share-dialog__header">
          <h2 id="share-dialog-title">{s.dialogTitle}</h2>
          <button type="button" class="share-dialog__close" onClick={onClose} data-testid="share-close">
            <span aria-hidden="true">×</span>
            <span class="share-visually-hidden">{s.close}</span>
          </button>
        </div>
        <p class="share-dialog__summary">
          {s.viewInWords}:{" "}
          <span data-testid="share-view-words">{describeView(view.filters, meta, lang)}</span>
        </p>

        <section class="share-section" aria-labelledby="share-link-heading">
          <h3 id="share-link-heading">{s.linkHeading}</h3>
          <label class="share-field">
            <span>{s.linkLabel}</span>
            <input
              ref={linkRef}
              type="url"
              readOnly
              value={shareUrl}
              dir="ltr"
              data-testid="share-link"
              onFocus={(event) => event.currentTarget.select()}
            />
          </label>
          <p class="share-hint">{s.linkHint}</p>
          <button
            type="button"
            autofocus
            onClick={() => copy(shareUrl, linkRef.current)}
            data-testid="share-copy-link"
          >
            {s.copyLink}
          </button>
        </section>

        <section class="share-section" aria-labelledby="share-embed-heading">
          <h3 id="share-embed-heading">{s.embedHeading}</h3>
          <fieldset class="share-options">
            <legend>{s.optionsLegend}</legend>
            <label class="share-check">
              <input
                type="checkbox"
                checked={locked}
                onChange={(event) => setLocked(event.currentTarget.checked)}
                aria-describedby="share-lock-hint"
                data-testid="embed-lock"
              />
              <span>{s.lockFilters}</span>
            </label>
            <p id="share-lock-hint" class="share-hint">
              {s.lockFiltersHint}
            </p>
            <label class="share-check">
              <input
                type="checkbox"
                checked={!controls}
                onChange={(event) => setControls(!event.currentTarget.checked)}
                data-testid="embed-hide-controls"
              />
              <span>{s.hideControls}</span>
            </label>
            <label class="share-check">
              <input
                type="checkbox"
                checked={timeline}
                onChange={(event) => setTimeline(event.currentTarget.checked)}
                data-testid="embed-timeline"
              />
              <span>{s.showTimeline}</span>
            </label>
            <label class="share-field">
              <span>{s.language}</span>
              <select
                value={embedLang}
                onChange={(event) => setEmbedLang(event.currentTarget.value === "ar" ? "ar" : "en")}
                data-testid="embed-lang"
              >
                <option value="en" lang="en">
                  {s.languageEn}
                </option>
                <option value="ar" lang="ar">
                  {s.languageAr}
                </option>
              </select>
            </label>
            <label class="share-field">
              <span>{s.preselect}</span>
              <select
                value={preselected}
                onChange={(event) => setPreselected(event.currentTarget.value)}
                data-testid="embed-incident"
              >
                <option value="">{s.preselectNone}</option>
                {preselectOptions.map((row) => (
                  <option key={row.id} value={row.id}>
                    {`${formatShortDate(row, lang)} · ${titleOf(row, lang)}`}
                  </option>
                ))}
              </select>
            </label>
            {visible.length > MAX_PRESELECT_OPTIONS ? (
              <p class="share-hint">
                {formatMessage(s.preselectMore, { count: MAX_PRESELECT_OPTIONS }, lang)}
              </p>
            ) : null}
            <div class="share-size">
              <label class="share-field">
                <span>{s.width}</span>
                <input
                  type="number"
                  inputMode="numeric"
                  min={EMBED_SIZE.minWidth}
                  max={EMBED_SIZE.maxWidth}
                  step={10}
                  value={widthText}
                  onInput={(event) => setWidthText(event.currentTarget.value)}
                  data-testid="embed-width"
                />
              </label>
              <label class="share-field">
                <span>{s.height}</span>
                <input
                  type="number"
                  inputMode="numeric"
                  min={EMBED_SIZE.minHeight}
                  max={EMBED_SIZE.maxHeight}
                  step={10}
                  value={heightText}
                  onInput={(event) => setHeightText(event.currentTarget.value)}
                  data-testid="embed-height"
                />
              </label>
            </div>
            <label class="share-check">
              <input
                type="checkbox"
                checked={responsive}
                onChange={(event) => setResponsive(event.currentTarget.checked)}
                data-testid="embed-responsive"
              />
              <span>{s.responsive}</span>
            </label>
          </fieldset>

          {snippetError ? (
            <p class="share-error" role="alert">
              {snippetError}
            </p>
          ) : (
            <>
              <label class="share-field">
                <span>{s.codeLabel}</span>
                <textarea
                  ref={codeRef}
                  readOnly
                  rows={4}
                  dir="ltr"
                  value={snippet}
                  data-testid="embed-code"
                  onFocus={(event) => event.currentTarget.select()}
                />
              </label>
              <button type="button" onClick={() => copy(snippet, codeRef.current)} data-testid="embed-copy">
                {s.copyCode}
              </button>
              <label class="share-field">
                <span>{s.resizingCodeLabel}</span>
                <textarea
                  ref={resizingCodeRef}
                  readOnly
                  rows={4}
                  dir="ltr"
                  value={resizingSnippet}
                  aria-describedby="share-resizing-hint"
                  data-testid="embed-resizing-code"
                  onFocus={(event) => event.currentTarget.select()}
                />
              </label>
              <p id="share-resizing-hint" class="share-hint">
                {s.resizingCodeHint}
              </p>
              <button
                type="button"
                onClick={() => copy(resizingSnippet, resizingCodeRef.current)}
                data-testid="embed-resizing-copy"
              >
                {s.copyResizingCode}
              </button>
              <h4>{s.previewHeading}</h4>
              {/* Wider than a small screen, it scrolls: focusable, so the keyboard can scroll it too. */}
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region takes focus to be scrolled by keyboard (axe scrollable-region-focusable) */}
              <section class="share-preview-frame" tabIndex={0} aria-label={s.previewHeading}>
                <div
                  class="share-preview"
                  style={
                    responsive
                      ? { maxWidth: `${size.width}px`, aspectRatio: `${size.width} / ${size.height}` }
                      : { width: `${size.width}px`, height: `${size.height}px` }
                  }
                >
                  <iframe
                    src={embedUrl}
                    title={`${s.previewLabel}: ${embedTitle}`}
                    loading="lazy"
                    referrerpolicy="no-referrer"
                    data-testid="embed-preview"
                    onLoad={(event) => listenForEscape(event.currentTarget, () => onCloseRef.current())}
                  />
                </div>
              </section>
            </>
          )}
        </section>

        <section class="share-section" aria-labelledby="share-export-heading">
          <h3 id="share-export-heading">{s.exportHeading}</h3>
          <p class="share-hint">{formatMessage(s.exportCount, { count: visible.length }, lang)}</p>
          <div class="share-buttons">
            <button type="button" onClick={exportPng} disabled={busy !== null} data-testid="export-png">
              {s.exportPng}
            </button>
            <button
              type="button"
              onClick={exportCsv}
              disabled={busy !== null}
              aria-describedby="share-csv-hint"
              data-testid="export-csv"
            >
              {s.exportCsv}
            </button>
            <button type="button" onClick={exportGeo} disabled={busy !== null} data-testid="export-geojson">
              {s.exportGeoJson}
            </button>
          </div>
          <p id="share-csv-hint" class="share-hint">
            {s.exportCsvHint}
          </p>
          <p class="share-hint">
            {/* For maintainers: the sheet checker, on this deployment (check.html beside the map). */}
            <a href={lang === "ar" ? "check.html?lang=ar" : "check.html"} data-testid="check-sheet-link">
              {s.checkSheetLink}
            </a>
          </p>
        </section>

        <p class="share-status" role="status" aria-live="polite" data-testid="share-status">
          {status}
        </p>
      </div>
    </dialog>
  );
}

function titleOf(row: IncidentRow, lang: Lang): string {
  const title = row.title;
  return title[lang] || title[lang === "en" ? "ar" : "en"];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
