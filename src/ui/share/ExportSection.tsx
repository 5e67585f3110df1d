import { exportGeoJson, exportSheets } from "../../core/export-sheets.ts";
import type { SheetName } from "../../core/sheet-columns.ts";
import type { Lang } from "../../core/view-state.ts";
import { formatMessage, messagesFor } from "../../i18n/messages.ts";
import { allPositions, type Store } from "../../state/store.ts";
import { downloadBlob, downloadTextFiles } from "./download.ts";
import type { ShareStatus } from "./use-share-status.ts";

/** The sheets in the order a maintainer reads them; also the download order. */
const SHEETS: readonly SheetName[] = [
  "incidents.csv",
  "claims.csv",
  "sources.csv",
  "actors.csv",
  "places.csv",
];

interface ExportSectionProps {
  store: Store;
  lang: Lang;
  /** A PNG of the map as it is now, with its caption. */
  exportImage: () => Promise<Blob>;
  status: ShareStatus;
}

/** The share dialog's downloads: the view as an image, as the five CSV sheets, as GeoJSON; and the sheet checker. */
export function ExportSection({ store, lang, exportImage, status }: ExportSectionProps) {
  const s = messagesFor(lang).share;
  const visible = store.visible.value;
  const { busy, run } = status;

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
  );
}
