import { useRef, useState } from "preact/hooks";
import { describeView } from "../../core/describe-view.ts";
import {
  createEmbedSnippet,
  createResizingEmbedSnippet,
  normalizeEmbedSize,
} from "../../core/embed-snippet.ts";
import type { IncidentRow } from "../../core/incident-row.ts";
import { DEFAULT_VIEW, type ViewState } from "../../core/view-state.ts";
import { formatMessage, messagesFor } from "../../i18n/messages.ts";
import type { Store } from "../../state/store.ts";
import { EmbedCode } from "./EmbedCode.tsx";
import { EmbedOptions, MAX_PRESELECT_OPTIONS } from "./EmbedOptions.tsx";
import { ExportSection } from "./ExportSection.tsx";
import { defaultEmbedChoices, type EmbedChoices, titleOf } from "./embed-choices.ts";
import { useModalDialog } from "./use-modal-dialog.ts";
import { messageOf, useShareStatus } from "./use-share-status.ts";
import "./share.css";

export interface ShareDialogProps {
  store: Store;
  /** Absolute URL (https://host/sub/path/?…#zoom/lat/lon) reproducing `view`, from the URL codec. */
  buildViewUrl: (view: ViewState) => string;
  /** A PNG of the map as it is now, with its caption (the lead wires map/export-image.ts in). */
  exportImage: () => Promise<Blob>;
  onClose: () => void;
}

/** The incidents offered for pre-selection: the view's first, and the selected one when it is not among them. */
function preselectOptionsOf(store: Store): IncidentRow[] {
  // Not memoised: rows arrive with their shards, and reading them here re-renders the dialog when they do.
  const options: IncidentRow[] = [];
  for (const index of store.visible.value.subarray(0, MAX_PRESELECT_OPTIONS)) {
    const row = store.row(index);
    if (row) options.push(row);
  }
  const current = store.view.value.selected;
  if (current && !options.some((row) => row.id === current)) {
    const index = store.indexOfId(current);
    const row = index < 0 ? null : store.row(index);
    if (row) options.unshift(row);
  }
  return options;
}

/**
 * The share dialog: a link to the current view, an embed-code generator with a live preview, and
 * downloads of the view as an image and as data. A native modal <dialog>: the page behind it is inert
 * (focus stays inside), Escape or a click on the backdrop closes it, and focus returns to what opened it.
 */
export function ShareDialog({ store, buildViewUrl, exportImage, onClose }: ShareDialogProps) {
  const view = store.view.value;
  const lang = view.lang;
  const s = messagesFor(lang).share;
  const meta = store.meta;

  const { dialogRef, onCloseRef } = useModalDialog(onClose);
  const linkRef = useRef<HTMLInputElement>(null);
  const [choices, setChoices] = useState<EmbedChoices>(() => defaultEmbedChoices(lang, view.selected));
  const status = useShareStatus(lang);
  const updateChoices = (patch: Partial<EmbedChoices>) => setChoices((before) => ({ ...before, ...patch }));

  // The link opens the full app, whatever the embed options of the current page.
  const shareUrl = buildViewUrl({ ...view, embed: DEFAULT_VIEW.embed });
  const embedLang = choices.lang;
  const embedUrl = buildViewUrl({
    ...view,
    lang: embedLang,
    selected: choices.preselected === "" ? null : choices.preselected,
    embed: { enabled: true, locked: choices.locked, controls: choices.controls, timeline: choices.timeline },
  });
  const size = normalizeEmbedSize(Number(choices.widthText), Number(choices.heightText));
  const preselectedIndex = choices.preselected === "" ? -1 : store.indexOfId(choices.preselected);
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
    snippet = createEmbedSnippet({
      url: embedUrl,
      title: embedTitle,
      ...size,
      responsive: choices.responsive,
    });
    resizingSnippet = createResizingEmbedSnippet({ url: embedUrl, title: embedTitle, ...size });
  } catch (error) {
    snippetError = formatMessage(s.embedUrlFailed, { message: messageOf(error) }, lang);
  }

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
            <span class="sr-only">{s.close}</span>
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
            onClick={() => status.copy(shareUrl, linkRef.current)}
            data-testid="share-copy-link"
          >
            {s.copyLink}
          </button>
        </section>

        <section class="share-section" aria-labelledby="share-embed-heading">
          <h3 id="share-embed-heading">{s.embedHeading}</h3>
          <EmbedOptions
            choices={choices}
            onChange={updateChoices}
            preselectOptions={preselectOptionsOf(store)}
            visibleCount={store.visible.value.length}
            lang={lang}
          />
          {snippetError ? (
            <p class="share-error" role="alert">
              {snippetError}
            </p>
          ) : (
            <EmbedCode
              snippet={snippet}
              resizingSnippet={resizingSnippet}
              embedUrl={embedUrl}
              embedTitle={embedTitle}
              size={size}
              responsive={choices.responsive}
              copy={status.copy}
              onEscape={() => onCloseRef.current()}
              lang={lang}
            />
          )}
        </section>

        <ExportSection store={store} lang={lang} exportImage={exportImage} status={status} />

        <p class="share-status" role="status" aria-live="polite" data-testid="share-status">
          {status.status}
        </p>
      </div>
    </dialog>
  );
}
