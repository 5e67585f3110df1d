import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { formatFigure } from "../core/format.ts";
import type { Lang } from "../core/view-state.ts";
import { directionOf } from "../i18n/direction.ts";
import { formatMessage, messagesFor } from "../i18n/messages.ts";
import { groupByFile } from "../pipeline/check-sheets.ts";
import { LangSwitch } from "../ui/LangSwitch.tsx";
import { type CheckOutcome, createChecker, type OpenedFile } from "./check-protocol.ts";
import { DataChangesView } from "./DataChangesView.tsx";
import { ProblemList } from "./ProblemList.tsx";
import { readDroppedFiles, readInputFiles } from "./read-opened.ts";
import { SheetPreview } from "./SheetPreview.tsx";

type Status =
  | { kind: "idle" }
  | { kind: "checking"; count: number }
  | { kind: "failed"; message: string }
  | { kind: "done"; outcome: CheckOutcome };

/** The language from ?lang=, as the map reads it. */
export function langFromLocation(): Lang {
  return new URLSearchParams(window.location.search).get("lang") === "ar" ? "ar" : "en";
}

/**
 * The "Check a sheet" page: open or drop the sheets, read the problems data:check would print, and with none,
 * preview the map and download the GeoJSON. The files stay in the tab (a worker checks them).
 */
export function CheckPage({ initialLang }: { initialLang: Lang }) {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [dragging, setDragging] = useState(false);
  const check = useMemo(() => createChecker(), []);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const s = messagesFor(lang).check;

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = directionOf(lang);
    document.title = s.pageTitle;
    const url = new URL(window.location.href);
    if (lang === "ar") url.searchParams.set("lang", "ar");
    else url.searchParams.delete("lang");
    history.replaceState(null, "", url);
  }, [lang, s.pageTitle]);

  const onLang = useCallback((next: Lang) => setLang(next), []);

  async function run(read: Promise<OpenedFile[]>): Promise<void> {
    try {
      const files = await read;
      if (files.length === 0) return;
      setStatus({ kind: "checking", count: files.length });
      setStatus({ kind: "done", outcome: await check(files) });
    } catch (error) {
      setStatus({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  }

  const n = (value: number) => formatFigure(value, lang);
  return (
    <div class="check-page">
      <header class="app-header check-header">
        <h1>{s.heading}</h1>
        <div class="header-actions">
          <a class="button" href={lang === "ar" ? "./?lang=ar" : "./"} data-testid="check-back">
            {s.backToMap}
          </a>
          <LangSwitch
            lang={lang}
            testId="check-lang-switch"
            onSwitch={() => setLang(lang === "en" ? "ar" : "en")}
          />
        </div>
      </header>
      <main class="check-main">
        <p>{s.intro}</p>
        <p class="check-privacy" data-testid="check-privacy">
          {s.privacy}
        </p>
        {/* biome-ignore lint/a11y/useSemanticElements: a drop target holding the two open buttons */}
        <div
          class={`check-drop${dragging ? " dragging" : ""}`}
          role="group"
          aria-label={s.dropLabel}
          data-testid="check-drop"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            void run(readDroppedFiles(event.dataTransfer));
          }}
        >
          <button type="button" class="button primary" onClick={() => filesInput.current?.click()}>
            {s.openFiles}
          </button>
          <button type="button" class="button" onClick={() => folderInput.current?.click()}>
            {s.openFolder}
          </button>
          <span>{s.dropHere}</span>
          <input
            ref={filesInput}
            type="file"
            multiple
            accept=".csv,.zip,text/csv,application/zip"
            hidden
            data-testid="check-files"
            onChange={(event) => void run(readInputFiles(event.currentTarget.files))}
          />
          <input
            ref={folderInput}
            type="file"
            hidden
            {...{ webkitdirectory: true }}
            data-testid="check-folder"
            onChange={(event) => void run(readInputFiles(event.currentTarget.files))}
          />
        </div>
        <div class="check-status" role="status" aria-live="polite" data-testid="check-status">
          {status.kind === "checking" && formatMessage(s.checking, { count: n(status.count) }, lang)}
          {status.kind === "failed" && formatMessage(s.failed, { message: status.message }, lang)}
          {status.kind === "done" && <Summary outcome={status.outcome} lang={lang} />}
        </div>
        {status.kind === "done" && <Results outcome={status.outcome} lang={lang} onLang={onLang} />}
      </main>
    </div>
  );
}

function Summary({ outcome, lang }: { outcome: CheckOutcome; lang: Lang }) {
  const s = messagesFor(lang).check;
  const n = (value: number) => formatFigure(value, lang);
  const { report, used, ignored } = outcome;
  if (used.length === 0) return <p>{s.noSheets}</p>;
  const errors = report.problems.filter((p) => p.severity === "error").length;
  const values = {
    errors: n(errors),
    warnings: n(report.problems.length - errors),
    incidents: n(report.counts.incidents),
  };
  return (
    <>
      <p class="check-summary" data-testid="check-summary">
        {formatMessage(errors > 0 ? s.summaryErrors : s.summaryOk, values, lang)}
      </p>
      <p class="check-files-read">{formatMessage(s.read, { files: used.join(", ") }, lang)}</p>
      {ignored.length > 0 && <p>{formatMessage(s.ignored, { files: ignored.join(", ") }, lang)}</p>}
    </>
  );
}

function Results({
  outcome,
  lang,
  onLang,
}: {
  outcome: CheckOutcome;
  lang: Lang;
  onLang: (l: Lang) => void;
}) {
  const s = messagesFor(lang).check;
  const { report } = outcome;
  const groups = useMemo(() => groupByFile(report.problems), [report]);
  const download = useMemo(
    () =>
      report.geojson
        ? URL.createObjectURL(new Blob([report.geojson as BlobPart], { type: "application/geo+json" }))
        : null,
    [report],
  );
  useEffect(() => () => (download ? URL.revokeObjectURL(download) : undefined), [download]);
  if (outcome.used.length === 0) return null;
  return (
    <>
      {groups.length > 0 && <ProblemList groups={groups} previews={report.previews} lang={lang} s={s} />}
      {download && report.table && (
        <>
          <section class="check-publish" aria-labelledby="check-publish-heading">
            <h2 id="check-publish-heading">{s.publishHeading}</h2>
            <a
              class="button primary"
              href={download}
              download="incidents.geojson"
              data-testid="check-download"
            >
              {s.downloadGeojson}
            </a>
            <p class="check-hint">{s.downloadHint}</p>
          </section>
          <DataChangesView table={report.table} lang={lang} s={s} />
          <section class="check-preview" aria-labelledby="check-preview-heading" data-testid="check-preview">
            <h2 id="check-preview-heading">{s.previewHeading}</h2>
            <SheetPreview table={report.table} lang={lang} onLang={onLang} s={s} />
          </section>
        </>
      )}
    </>
  );
}
